package se.bidrag.notification;

import se.bidrag.platform.Settings;

/**
 * The configuration of the mail API and the SES event consumer, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 */
record MailConfig(String table) {

  static MailConfig from(Settings env) {
    return new MailConfig(env.require("TABLE_NAME"));
  }
}
