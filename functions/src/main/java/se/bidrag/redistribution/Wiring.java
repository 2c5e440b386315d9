package se.bidrag.redistribution;

import se.bidrag.allocation.AllocationService;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.notification.SqsEmailOutbox;
import se.bidrag.platform.Platform;
import se.bidrag.requisition.DynamoRequisitionStore;

/** The redistribution service on its AWS adapters (shared by the API and the scheduled job). */
final class Wiring {
  private Wiring() {}

  static RedistributionService service(Platform platform) {
    String table = platform.require("TABLE_NAME");
    var allocationStore = new DynamoAllocationStore(platform.dynamoDb(), table);
    return new RedistributionService(GrantCatalog.bundled(),
        new AllocationService(GrantCatalog.bundled(), DataFiles.fromEnvironment(platform.env()), allocationStore,
            platform.clock()),
        allocationStore, new DynamoRequisitionStore(platform.dynamoDb(), table),
        new DynamoRedistributionStore(platform.dynamoDb(), table),
        new SqsEmailOutbox(platform.sqs(), platform.require("EMAIL_QUEUE_URL")), platform.clock());
  }
}
