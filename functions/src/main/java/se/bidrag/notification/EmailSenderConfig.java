package se.bidrag.notification;

import java.util.Optional;
import se.bidrag.platform.Settings;

/**
 * The e-mail sender's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param mailFrom {@code MAIL_FROM}: the verified SES sender address
 * @param maxSendRate {@code SES_MAX_SEND_RATE}: sends per second all senders together stay under (default 14)
 * @param senders {@code EMAIL_SENDERS}: how many senders run at once - the e-mail queue's event source
 *     MaximumConcurrency (default 1, at most maxSendRate / 2); each keeps maxSendRate / senders - 1, rounded
 *     down ({@link SendRate#shareOf})
 * @param configurationSet {@code SES_CONFIGURATION_SET}: whose event destination reports bounces; unset: none
 */
record EmailSenderConfig(String table, String mailFrom, int maxSendRate, int senders, Optional<String> configurationSet) {

  static EmailSenderConfig from(Settings env) {
    int rate = env.integer("SES_MAX_SEND_RATE", 14, 1);
    int senders = env.integer("EMAIL_SENDERS", 1, 1);
    if (rate / senders < 2) {
      throw new IllegalStateException("environment variable EMAIL_SENDERS (" + senders + ") must be at most half of "
          + "SES_MAX_SEND_RATE (" + rate + "): each concurrent sender needs a share of at least two sends per second");
    }
    return new EmailSenderConfig(env.require("TABLE_NAME"), env.require("MAIL_FROM"), rate, senders,
        env.optional("SES_CONFIGURATION_SET"));
  }
}
