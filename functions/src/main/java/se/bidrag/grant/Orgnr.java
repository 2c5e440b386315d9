package se.bidrag.grant;

/** Swedish organisationsnummer: ten digits, the last a Luhn (modulus 10) check digit. */
public final class Orgnr {
  private Orgnr() {}

  public static boolean isValid(String text) {
    if (text == null || text.length() != 10) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return Luhn.isValid(text);
  }

  /** Accepts {@code 212000-1900} or {@code 2120001900}; returns the ten digits, or null if invalid. */
  public static String normalise(String text) {
    if (text == null) {
      return null;
    }
    String digits = text.length() == 11 && text.charAt(6) == '-' ? text.substring(0, 6) + text.substring(7) : text;
    return isValid(digits) ? digits : null;
  }
}
