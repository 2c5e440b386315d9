package se.bidrag.payout;

import java.util.regex.Pattern;
import se.bidrag.platform.Settings;

/**
 * The payment-file function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param agencyBankgiro {@code AGENCY_BANKGIRO}: the debtor account of the payment files ({@code 5050-1055})
 * @param agencyBic {@code AGENCY_BIC}: the BIC of the agency's bank; empty when not set (then NOTPROVIDED)
 */
record PaymentFileConfig(String table, String agencyBankgiro, String agencyBic) {
  /** As template.yaml's AgencyBankgiro parameter allows it. */
  private static final Pattern BANKGIRO = Pattern.compile("^[0-9]{3,4}-?[0-9]{4}$");
  private static final Pattern BIC = Pattern.compile("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$");

  static PaymentFileConfig from(Settings env) {
    return new PaymentFileConfig(env.require("TABLE_NAME"),
        env.matching("AGENCY_BANKGIRO", BANKGIRO, "a bankgiro number (e.g. 5050-1055)"),
        env.optionalMatching("AGENCY_BIC", BIC, "a BIC (8 or 11 letters and digits)").orElse(""));
  }
}
