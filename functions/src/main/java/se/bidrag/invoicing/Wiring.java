package se.bidrag.invoicing;

import se.bidrag.access.DynamoRegistrations;
import se.bidrag.access.Access;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.payout.DynamoPayoutStore;
import se.bidrag.platform.Platform;
import se.bidrag.reporting.DynamoReportStore;
import se.bidrag.reporting.Received;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The invoicing service on its AWS adapters: the only code that reads the functions' configuration. */
final class Wiring {
  private Wiring() {}

  /**
   * SnapStart priming for the functions that render invoices: one throwaway invoice (never stored or
   * sent) rendered as PDF and UBL loads PDFBox's fonts and the XML classes (~330 ms in a fresh JVM).
   */
  static void registerPriming() {
    se.bidrag.platform.Priming.register("invoice documents", () -> {
      Creditor creditor = Creditor.of(new se.bidrag.grant.GrantDefinition.Agency("Myndigheten", "2021000555",
          "100 00", "Stockholm"), "5050-1055");
      Invoice sample = new Invoice(InvoiceNumber.of(2026, 1), Invoice.Type.INVOICE, "priming", "Priming",
          "priming", new Invoice.Debtor("Priming", "2120000019", "priming@example.invalid"), Invoice.Reason.UNSPENT,
          "Priming", 1, java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2026, 1, 31),
          InvoiceNumber.ocr(InvoiceNumber.of(2026, 1)), "Priming", null, "priming", java.time.Instant.EPOCH);
      InvoicePdf.render(sample, creditor);
      PeppolUbl.write(sample, creditor);
    });
  }

  static InvoiceDecisions decisions(Platform platform, InvoicingService service) {
    InvoicingConfig config = InvoicingConfig.from(platform.settings());
    return new InvoiceDecisions(GrantCatalogs.of(platform), service,
        new DynamoInvoiceProposals(platform.dynamoDb(), config.table()), platform.clock(), platform.metrics());
  }

  static InvoicingService service(Platform platform) {
    InvoicingConfig config = InvoicingConfig.from(platform.settings());
    String table = config.table();
    var db = platform.dynamoDb();
    return new InvoicingService(GrantCatalogs.of(platform),
        new Received(new DynamoPayoutStore(db, table), new DynamoRequisitionStore(db, table)),
        new DynamoReportStore(db, table), new DynamoInvoiceStore(db, table),
        new SqsEmailOutbox(platform.sqs(), config.emailQueue().toString()), config.agencyBankgiro(),
        new Access(new DynamoRegistrations(db, table)), platform.clock(), platform.metrics());
  }
}
