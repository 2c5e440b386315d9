package se.bidrag.reporting;

import se.bidrag.grant.GrantCatalog;
import se.bidrag.notification.DynamoEmailLedger;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.payout.DynamoPayoutStore;
import se.bidrag.platform.Platform;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The reporting service on its AWS adapters. */
final class Wiring {
  private Wiring() {}

  static ReportingService service(Platform platform) {
    String table = platform.require("TABLE_NAME");
    var db = platform.dynamoDb();
    return new ReportingService(GrantCatalog.bundled(), new DynamoPayoutStore(db, table),
        new DynamoRequisitionStore(db, table), new DynamoReportStore(db, table),
        new SqsEmailOutbox(platform.sqs(), platform.require("EMAIL_QUEUE_URL")), new DynamoEmailLedger(db, table),
        new SqsInvoicingEvents(platform.sqs(), platform.require("INVOICING_QUEUE_URL")),
        new ReportToken(platform.require("REPORT_TOKEN_SECRET")), platform.require("REPORT_FORM_URL"), platform.clock());
  }
}
