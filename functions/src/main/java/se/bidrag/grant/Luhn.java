package se.bidrag.grant;

/** The Luhn / modulus-10 check digit used by Swedish organisation numbers, bankgiro and OCR references. */
public final class Luhn {
  private Luhn() {}

  /** The check digit for the given digits (the digit to append). */
  public static int checkDigit(CharSequence digits) {
    int sum = 0;
    boolean doubleIt = true; // the rightmost payload digit is doubled
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digit(digits.charAt(i));
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
  }

  /** True when the last digit is the Luhn check digit of the ones before it. */
  public static boolean isValid(CharSequence digitsWithCheck) {
    int n = digitsWithCheck.length();
    if (n < 2) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = digitsWithCheck.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return checkDigit(digitsWithCheck.subSequence(0, n - 1)) == digit(digitsWithCheck.charAt(n - 1));
  }

  private static int digit(char c) {
    if (c < '0' || c > '9') {
      throw new IllegalArgumentException("not a digit: " + c);
    }
    return c - '0';
  }
}
