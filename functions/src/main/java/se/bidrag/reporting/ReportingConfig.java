package se.bidrag.reporting;

import java.net.URI;
import se.bidrag.platform.Settings;

/**
 * The reporting functions' configuration (the form's API and the daily job), read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param emailQueue {@code EMAIL_QUEUE_URL}: where the links, reminders and receipts go
 * @param invoicingQueue {@code INVOICING_QUEUE_URL}: where reports with unspent money are announced
 * @param linkKeysSecret {@code REPORT_LINK_KEYS_SECRET}: the id (ARN) of the Secrets Manager secret holding the
 *     links' HMAC keys, fetched at init (the keys themselves are never in the environment)
 * @param reportFormUrl {@code REPORT_FORM_URL}: the web form the e-mails link to ({@code <site>/rapport/})
 */
record ReportingConfig(String table, URI emailQueue, URI invoicingQueue, String linkKeysSecret, URI reportFormUrl) {

  static ReportingConfig from(Settings env) {
    return new ReportingConfig(env.require("TABLE_NAME"), env.url("EMAIL_QUEUE_URL"), env.url("INVOICING_QUEUE_URL"),
        env.require("REPORT_LINK_KEYS_SECRET"), env.url("REPORT_FORM_URL"));
  }
}
