package se.bidrag.invoicing;

import se.bidrag.grant.Luhn;

/**
 * An OCR reference as Bankgirot reads it: the reference digits, optionally a length digit (the
 * reference's total length, check digit included, modulo 10), and a Luhn / modulus-10 check digit
 * last. A payer's bank rejects a reference whose check digit is wrong, so a mistyped reference never
 * reaches the agency.
 */
public final class Ocr {
  /** Bankgirot accepts OCR references of 2 to 25 digits. */
  public static final int MAX_LENGTH = 25;

  private Ocr() {}

  /** The reference for the given digits, with the length digit and the check digit appended. */
  public static String withLengthDigit(String digits) {
    requireDigits(digits, MAX_LENGTH - 2);
    int length = digits.length() + 2;
    String payload = digits + (length % 10);
    return payload + Luhn.checkDigit(payload);
  }

  /** The reference for the given digits with only the check digit appended. */
  public static String withCheckDigit(String digits) {
    requireDigits(digits, MAX_LENGTH - 1);
    return digits + Luhn.checkDigit(digits);
  }

  /** Whether the reference has a valid check digit, and (when {@code lengthDigit}) a matching length digit. */
  public static boolean isValid(String reference, boolean lengthDigit) {
    if (reference == null || reference.length() < (lengthDigit ? 3 : 2) || reference.length() > MAX_LENGTH
        || !Luhn.isValid(reference)) {
      return false;
    }
    return !lengthDigit || reference.charAt(reference.length() - 2) - '0' == reference.length() % 10;
  }

  private static void requireDigits(String digits, int maxLength) {
    if (digits == null || digits.isEmpty() || digits.length() > maxLength || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("an OCR reference is made of 1 to " + maxLength + " digits, not '" + digits + "'");
    }
  }
}
