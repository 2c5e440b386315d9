package se.bidrag.allocation;

import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Platform;

/** The allocation service on its AWS adapters: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static AllocationService service(Platform platform) {
    AllocationConfig config = AllocationConfig.from(platform.settings());
    return new AllocationService(GrantCatalogs.of(platform), DataFiles.of(config.dataDirectory()),
        new DynamoAllocationStore(platform.dynamoDb(), config.table()), platform.clock(), config.stage());
  }
}
