package se.bidrag.payout;

import se.bidrag.access.DynamoRegistrations;
import se.bidrag.account.DynamoPayoutAccounts;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.platform.Platform;
import se.bidrag.redistribution.DynamoRedistributionStore;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The payout services on their AWS adapters: the only code that reads the functions' configuration. */
final class Wiring {
  private Wiring() {}

  /** For the scheduled payout. */
  static PayoutService payouts(Platform platform) {
    return payouts(platform, PayoutConfig.from(platform.settings()));
  }

  /** For the payment API: payouts on demand, attestation, and the orders, batches and files to read. */
  static Payments payments(Platform platform) {
    PayoutConfig config = PayoutConfig.from(platform.settings());
    var db = platform.dynamoDb();
    return new Payments(GrantCatalogs.of(platform), payouts(platform, config), new DynamoPayoutStore(db, config.table()),
        new DynamoPayoutBatches(db, config.table()), new DynamoPaymentFileStore(db, config.table()));
  }

  private static PayoutService payouts(Platform platform, PayoutConfig config) {
    var db = platform.dynamoDb();
    String table = config.table();
    return new PayoutService(GrantCatalogs.of(platform), new DynamoRequisitionStore(db, table),
        new DynamoRedistributionStore(db, table), new DynamoPayoutStore(db, table), new DynamoPayoutBatches(db, table),
        new SqsPaymentQueue(platform.sqs(), config.paymentQueue().toString()), new DynamoPayoutAccounts(db, table),
        new OutboxAccountReminders(new SqsEmailOutbox(platform.sqs(), config.emailQueue().toString()),
            new DynamoRegistrations(db, table)), platform.clock(), platform.metrics());
  }

  /** For the payment-file consumer. */
  static PaymentFiles files(Platform platform) {
    PaymentFileConfig config = PaymentFileConfig.from(platform.settings());
    return new PaymentFiles(GrantCatalogs.of(platform), new DynamoPaymentFileStore(platform.dynamoDb(), config.table()),
        config.agencyBankgiro(), config.agencyBic(), platform.metrics(), config.maxTransactions());
  }
}
