package se.bidrag.reporting;

import java.net.URI;
import se.bidrag.platform.Settings;

/**
 * The reporting functions' configuration (the form's API and the daily job), read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param emailQueue {@code EMAIL_QUEUE_URL}: where the links and reminders go
 * @param invoicingQueue {@code INVOICING_QUEUE_URL}: where reports with unspent money are announced
 * @param reportTokenSecret {@code REPORT_TOKEN_SECRET}: the key the personal links are signed with
 * @param reportFormUrl {@code REPORT_FORM_URL}: the web form the e-mails link to
 */
record ReportingConfig(String table, URI emailQueue, URI invoicingQueue, String reportTokenSecret, URI reportFormUrl) {

  static ReportingConfig from(Settings env) {
    return new ReportingConfig(env.require("TABLE_NAME"), env.url("EMAIL_QUEUE_URL"), env.url("INVOICING_QUEUE_URL"),
        env.require("REPORT_TOKEN_SECRET"), env.url("REPORT_FORM_URL"));
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "ReportingConfig[table=" + table + ", emailQueue=" + emailQueue + ", invoicingQueue=" + invoicingQueue
        + ", reportTokenSecret=(hidden), reportFormUrl=" + reportFormUrl + "]";
  }
}
