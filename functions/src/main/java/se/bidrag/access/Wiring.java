package se.bidrag.access;

import se.bidrag.platform.Platform;

/** The registrations on their AWS adapter: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static Registrations registrations(Platform platform) {
    AccessConfig config = AccessConfig.from(platform.settings());
    return new DynamoRegistrations(platform.dynamoDb(), config.table());
  }
}
