package se.bidrag.invoicing;

import se.bidrag.grant.GrantDefinition;

/**
 * The agency as creditor: who the invoice is from and where it is paid (its bankgiro).
 *
 * @param bankgiro seven or eight digits, as printed with the dash ({@code 5050-1055})
 */
public record Creditor(String name, String orgnr, String postalCode, String city, String bankgiro) {

  public static Creditor of(GrantDefinition.Agency agency, String bankgiro) {
    String digits = bankgiro.replace("-", "");
    if (!digits.matches("\\d{7,8}") || !se.bidrag.grant.Luhn.isValid(digits)) {
      throw new IllegalArgumentException("the agency's bankgiro '" + bankgiro + "' is not a valid bankgiro number");
    }
    return new Creditor(agency.name(), agency.orgnr(), agency.postalCode(), agency.city(),
        digits.substring(0, digits.length() - 4) + "-" + digits.substring(digits.length() - 4));
  }

  public String bankgiroDigits() {
    return bankgiro.replace("-", "");
  }

  /** {@code 202100-0555}. */
  public String orgnrPrinted() {
    return orgnr.substring(0, 6) + "-" + orgnr.substring(6);
  }
}
