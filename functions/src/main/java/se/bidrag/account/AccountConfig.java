package se.bidrag.account;

import java.net.URI;
import se.bidrag.platform.Settings;

/**
 * The payout-account function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param emailQueue {@code EMAIL_QUEUE_URL}: where the notices of a changed account go
 */
record AccountConfig(String table, URI emailQueue) {

  static AccountConfig from(Settings env) {
    return new AccountConfig(env.require("TABLE_NAME"), env.url("EMAIL_QUEUE_URL"));
  }
}
