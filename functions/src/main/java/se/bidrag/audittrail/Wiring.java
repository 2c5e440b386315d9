package se.bidrag.audittrail;

import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Platform;

/** The audit trail on its AWS adapter: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static AuditTrailService service(Platform platform) {
    AuditTrailConfig config = AuditTrailConfig.from(platform.settings());
    var db = platform.dynamoDb();
    return new AuditTrailService(GrantCatalogs.of(platform), new DynamoAllocationStore(db, config.table()),
        new DynamoAuditTrail(db, config.table()));
  }
}
