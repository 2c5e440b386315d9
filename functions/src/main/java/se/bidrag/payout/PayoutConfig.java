package se.bidrag.payout;

import java.net.URI;
import se.bidrag.platform.Settings;

/**
 * The configuration of the functions that run payouts (the scheduled job and the payment API), read
 * and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param paymentQueue {@code PAYMENT_QUEUE_URL}: the FIFO queue the approved payment orders go on
 * @param emailQueue {@code EMAIL_QUEUE_URL}: where the reminders to organisations without an approved account go
 */
record PayoutConfig(String table, URI paymentQueue, URI emailQueue) {

  static PayoutConfig from(Settings env) {
    return new PayoutConfig(env.require("TABLE_NAME"), env.url("PAYMENT_QUEUE_URL"), env.url("EMAIL_QUEUE_URL"));
  }
}
