package se.bidrag.reporting;

import se.bidrag.grant.GrantCatalogs;
import se.bidrag.notification.DynamoEmailLedger;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.payout.DynamoPayoutStore;
import se.bidrag.platform.Platform;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The reporting service on its AWS adapters: the only code that reads the functions' configuration. */
final class Wiring {
  private Wiring() {}

  static ReportingService service(Platform platform) {
    ReportingConfig config = ReportingConfig.from(platform.settings());
    String table = config.table();
    var db = platform.dynamoDb();
    return new ReportingService(GrantCatalogs.of(platform),
        new Received(new DynamoPayoutStore(db, table), new DynamoRequisitionStore(db, table)), new DynamoReportStore(db, table),
        new SqsEmailOutbox(platform.sqs(), config.emailQueue().toString()), new DynamoEmailLedger(db, table),
        new SqsInvoicingEvents(platform.sqs(), config.invoicingQueue().toString()),
        new ReportToken(SecretsManagerLinkKeys.fetch(platform.secretsManager(), config.linkKeysSecret())), config.reportFormUrl().toString(), platform.clock());
  }
}
