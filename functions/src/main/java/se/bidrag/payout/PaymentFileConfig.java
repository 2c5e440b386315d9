package se.bidrag.payout;

import java.util.regex.Pattern;
import se.bidrag.platform.Settings;

/**
 * The payment-file function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param agencyBankgiro {@code AGENCY_BANKGIRO}: the debtor account of the payment files ({@code 5050-1055})
 * @param agencyBic {@code AGENCY_BIC}: the BIC of the agency's bank; empty when not set (then NOTPROVIDED)
 * @param maxTransactions {@code PAYMENT_FILE_MAX_TRANSACTIONS}: the credit transfers one file holds at most (a run
 *     of more is written in parts); 1 to {@value #MAX_TRANSACTIONS_CEILING}, default
 *     {@value PaymentFiles#DEFAULT_MAX_TRANSACTIONS}
 */
record PaymentFileConfig(String table, String agencyBankgiro, String agencyBic, int maxTransactions) {
  /**
   * One part is one table item, the XML gzipped, and an item holds 400 KB: 10 000 transactions gzip to about 155 KB
   * (PaymentFileScaleIT), so 20 000 keep a margin.
   */
  static final int MAX_TRANSACTIONS_CEILING = 20_000;
  /** As template.yaml's AgencyBankgiro parameter allows it. */
  private static final Pattern BANKGIRO = Pattern.compile("^[0-9]{3,4}-?[0-9]{4}$");
  private static final Pattern BIC = Pattern.compile("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$");

  static PaymentFileConfig from(Settings env) {
    return new PaymentFileConfig(env.require("TABLE_NAME"),
        env.matching("AGENCY_BANKGIRO", BANKGIRO, "a bankgiro number (e.g. 5050-1055)"),
        env.optionalMatching("AGENCY_BIC", BIC, "a BIC (8 or 11 letters and digits)").orElse(""),
        maxTransactions(env));
  }

  private static int maxTransactions(Settings env) {
    int n = env.integer("PAYMENT_FILE_MAX_TRANSACTIONS", PaymentFiles.DEFAULT_MAX_TRANSACTIONS, 1);
    if (n > MAX_TRANSACTIONS_CEILING) {
      throw new IllegalStateException("environment variable PAYMENT_FILE_MAX_TRANSACTIONS must be at most "
          + MAX_TRANSACTIONS_CEILING + " (one part must fit a table item), not " + n);
    }
    return n;
  }
}
