package se.bidrag.notification;

import se.bidrag.platform.Platform;

/** The mail services on their AWS adapters: the only code that reads the functions' configuration. */
final class Wiring {
  private Wiring() {}

  /** For the e-mail queue's consumer: one of {@code EMAIL_SENDERS} concurrent senders, with its share of the quota. */
  static EmailSender sender(Platform platform) {
    EmailSenderConfig config = EmailSenderConfig.from(platform.settings());
    return new EmailSender(new DynamoEmailLedger(platform.dynamoDb(), config.table()),
        new SesMailer(platform.ses(), config.configurationSet().orElse(null)),
        SendRate.shareOf(config.maxSendRate(), config.senders()), config.mailFrom(), platform.clock(),
        platform.metrics());
  }

  /** For the SES event consumer. */
  static Suppressions suppressions(Platform platform) {
    MailConfig config = MailConfig.from(platform.settings());
    return new DynamoSuppressions(platform.dynamoDb(), config.table());
  }

  /** For the mail API: the suppressions and the ledger of what was sent. */
  static MailRecords records(Platform platform) {
    MailConfig config = MailConfig.from(platform.settings());
    return new MailRecords(new DynamoSuppressions(platform.dynamoDb(), config.table()),
        new DynamoEmailLedger(platform.dynamoDb(), config.table()));
  }
}
