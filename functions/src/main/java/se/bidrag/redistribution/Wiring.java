package se.bidrag.redistribution;

import se.bidrag.allocation.AllocationService;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.platform.Platform;
import se.bidrag.requisition.DynamoRequisitionStore;

/**
 * The redistribution service on its AWS adapters (shared by the API and the scheduled job): the only
 * code that reads the functions' configuration.
 */
final class Wiring {
  private Wiring() {}

  static RedistributionService service(Platform platform) {
    RedistributionConfig config = RedistributionConfig.from(platform.settings());
    var db = platform.dynamoDb();
    var allocationStore = new DynamoAllocationStore(db, config.table());
    return new RedistributionService(GrantCatalogs.of(platform),
        new AllocationService(GrantCatalogs.of(platform), DataFiles.of(config.dataDirectory()), allocationStore,
            platform.clock()),
        allocationStore, new DynamoRequisitionStore(db, config.table()),
        new DynamoRedistributionStore(db, config.table()),
        new SqsEmailOutbox(platform.sqs(), config.emailQueue().toString()), platform.clock());
  }
}
