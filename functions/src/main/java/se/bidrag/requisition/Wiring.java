package se.bidrag.requisition;

import se.bidrag.access.DynamoRegistrations;
import se.bidrag.access.Access;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Platform;

/** The requisition service on its AWS adapters: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static RequisitionService service(Platform platform) {
    RequisitionConfig config = RequisitionConfig.from(platform.settings());
    var db = platform.dynamoDb();
    return new RequisitionService(GrantCatalogs.of(platform), new DynamoAllocationStore(db, config.table()),
        new DynamoRequisitionStore(db, config.table()),
        new Access(new DynamoRegistrations(db, config.table())), platform.clock(),
        platform.metrics());
  }
}
