package se.bidrag.operations;

import se.bidrag.platform.Platform;

/** The failure queues on their SQS adapter: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static DeadLetterQueues queues(Platform platform) {
    return new SqsDeadLetterQueues(platform.sqs(), platform.require("DEAD_LETTER_QUEUES"),
        platform.settings().optional("REDRIVABLE_QUEUES", ""));
  }

  static String table(Platform platform) {
    return platform.require("TABLE_NAME");
  }
}
