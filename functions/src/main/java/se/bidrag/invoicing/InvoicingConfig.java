package se.bidrag.invoicing;

import java.net.URI;
import java.util.regex.Pattern;
import se.bidrag.platform.Settings;

/**
 * The invoicing functions' configuration (the queue consumer, the daily run, the API), read and
 * checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param emailQueue {@code EMAIL_QUEUE_URL}: where the invoices' e-mails go
 * @param agencyBankgiro {@code AGENCY_BANKGIRO}: where repayment invoices are paid ({@code 5050-1055})
 */
record InvoicingConfig(String table, URI emailQueue, String agencyBankgiro) {
  /** As template.yaml's AgencyBankgiro parameter allows it. */
  private static final Pattern BANKGIRO = Pattern.compile("^[0-9]{3,4}-?[0-9]{4}$");

  static InvoicingConfig from(Settings env) {
    return new InvoicingConfig(env.require("TABLE_NAME"), env.url("EMAIL_QUEUE_URL"),
        env.matching("AGENCY_BANKGIRO", BANKGIRO, "a bankgiro number (e.g. 5050-1055)"));
  }
}
