package se.bidrag.notification;

import java.util.Optional;
import se.bidrag.platform.Settings;

/**
 * The e-mail sender's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param mailFrom {@code MAIL_FROM}: the verified SES sender address
 * @param maxSendRate {@code SES_MAX_SEND_RATE}: sends per second the sender stays under (default 14)
 * @param configurationSet {@code SES_CONFIGURATION_SET}: whose event destination reports bounces; unset: none
 */
record EmailSenderConfig(String table, String mailFrom, int maxSendRate, Optional<String> configurationSet) {

  static EmailSenderConfig from(Settings env) {
    return new EmailSenderConfig(env.require("TABLE_NAME"), env.require("MAIL_FROM"),
        env.integer("SES_MAX_SEND_RATE", 14, 1), env.optional("SES_CONFIGURATION_SET"));
  }
}
