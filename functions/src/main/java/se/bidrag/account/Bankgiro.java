package se.bidrag.account;

import java.util.Optional;
import se.bidrag.grant.Luhn;

/**
 * A bankgiro number: 7 or 8 digits, the last a Luhn (modulus 10) check digit over the others, written
 * {@code 505-1055} or {@code 5050-1055}. Shown masked ({@code •••-1055}) in every answer and letter.
 */
public record Bankgiro(String digits) {

  public Bankgiro {
    if (!valid(digits)) {
      throw new IllegalArgumentException("not a bankgiro number");
    }
  }

  /** {@code 5050-1055}, {@code 50501055}, {@code 505-1055}: the number, if it is one (length and check digit). */
  public static Optional<Bankgiro> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    int dash = t.indexOf('-');
    if (dash >= 0 && (t.length() - dash - 1 != 4 || t.indexOf('-', dash + 1) >= 0)) {
      return Optional.empty(); // a dash only before the last four digits
    }
    String digits = t.replace("-", "");
    return valid(digits) ? Optional.of(new Bankgiro(digits)) : Optional.empty();
  }

  static boolean valid(String digits) {
    return digits != null && (digits.length() == 7 || digits.length() == 8) && digits.chars().allMatch(c -> c >= '0'
        && c <= '9') && Luhn.isValid(digits);
  }

  /** As written: {@code 5050-1055}. */
  public String formatted() {
    return digits.substring(0, digits.length() - 4) + "-" + digits.substring(digits.length() - 4);
  }

  /** Masked: {@code •••-1055}. */
  public String masked() {
    return "\u2022\u2022\u2022-" + digits.substring(digits.length() - 4);
  }

  @Override
  public String toString() {
    return masked();
  }
}
