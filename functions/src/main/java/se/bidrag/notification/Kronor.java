package se.bidrag.notification;

/** Whole kronor as Swedish text writes them: 2 624 000 000 (a no-break space between thousands). */
public final class Kronor {
  private Kronor() {}

  public static String format(long amount) {
    return format(amount, '\u00a0');
  }

  /** The same with another separator (a plain space for fixed-width terminal tables). */
  public static String format(long amount, char separator) {
    String digits = Long.toString(Math.abs(amount));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        sb.append(separator);
      }
      sb.append(digits.charAt(i));
    }
    return (amount < 0 ? "-" : "") + sb;
  }
}
