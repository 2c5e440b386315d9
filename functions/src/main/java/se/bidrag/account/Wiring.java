package se.bidrag.account;

import se.bidrag.access.Access;
import se.bidrag.access.DynamoRegistrations;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.attest.DynamoProposals;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.platform.Platform;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The payout accounts on their AWS adapters: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static PayoutAccountService service(Platform platform) {
    AccountConfig config = AccountConfig.from(platform.settings());
    var db = platform.dynamoDb();
    String table = config.table();
    DynamoRegistrations registrations = new DynamoRegistrations(db, table);
    return new PayoutAccountService(new DynamoPayoutAccounts(db, table), new DynamoProposals(db, table),
        new Access(registrations), new RegistryMailboxes(GrantCatalogs.of(platform), new DynamoAllocationStore(db, table),
            new DynamoRequisitionStore(db, table), registrations),
        new SqsEmailOutbox(platform.sqs(), config.emailQueue().toString()), GrantCatalogs.of(platform),
        platform.clock());
  }
}
