package se.bidrag.payout;

import se.bidrag.grant.GrantCatalog;
import se.bidrag.platform.Platform;
import se.bidrag.redistribution.DynamoRedistributionStore;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The payout services on their AWS adapters. */
final class Wiring {
  private Wiring() {}

  static PayoutService payouts(Platform platform) {
    String table = platform.require("TABLE_NAME");
    return new PayoutService(GrantCatalog.bundled(), new DynamoRequisitionStore(platform.dynamoDb(), table),
        new DynamoRedistributionStore(platform.dynamoDb(), table), new DynamoPayoutStore(platform.dynamoDb(), table),
        new SqsPaymentQueue(platform.sqs(), platform.require("PAYMENT_QUEUE_URL")), platform.clock());
  }

  static PaymentFiles files(Platform platform) {
    return new PaymentFiles(GrantCatalog.bundled(),
        new DynamoPaymentFileStore(platform.dynamoDb(), platform.require("TABLE_NAME")),
        platform.require("AGENCY_BANKGIRO"), platform.get("AGENCY_BIC", ""));
  }
}
