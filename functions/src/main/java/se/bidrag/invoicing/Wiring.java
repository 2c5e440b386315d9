package se.bidrag.invoicing;

import se.bidrag.grant.GrantCatalog;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.payout.DynamoPayoutStore;
import se.bidrag.platform.Platform;
import se.bidrag.reporting.DynamoReportStore;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The invoicing service on its AWS adapters. */
final class Wiring {
  private Wiring() {}

  static InvoicingService service(Platform platform) {
    String table = platform.require("TABLE_NAME");
    var db = platform.dynamoDb();
    return new InvoicingService(GrantCatalog.bundled(), new DynamoPayoutStore(db, table),
        new DynamoRequisitionStore(db, table), new DynamoReportStore(db, table), new DynamoInvoiceStore(db, table),
        new SqsEmailOutbox(platform.sqs(), platform.require("EMAIL_QUEUE_URL")), platform.require("AGENCY_BANKGIRO"),
        platform.clock());
  }
}
