package se.bidrag.datatools;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the readers read a cell: codes, whole counts and names, as the agencies' files write them. */
final class Cells {
  private static final Pattern INTEGER = Pattern.compile("\\d{1,4}(\\.0+)?");
  /** "0114 Upplands Väsby", "0114 - Upplands Väsby", "0114" (SCB's region texts and codes). */
  private static final Pattern CODE_AND_NAME = Pattern.compile("(\\d{2}|\\d{4})(?:\\s*[-–]?\\s+(.*))?");

  private Cells() {}

  /** Header and class texts compared without case, accents kept, runs of space and punctuation as one space. */
  static String normal(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(new Locale("sv"));
    return n.replaceAll("[\\s\\u00a0,.;:()\\[\\]]+", " ").strip();
  }

  /**
   * A kommunkod from a code cell: text "0114", or a number Excel stored without the leading zero ("114",
   * "114.0"); empty if the cell is no such code.
   */
  static Optional<String> kommunkod(String cell) {
    String s = cell.strip();
    if (s.matches("\\d{4}")) {
      return Optional.of(s);
    }
    if (INTEGER.matcher(s).matches()) {
      String digits = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
      if (digits.length() <= 4 && Integer.parseInt(digits) >= 100) {
        return Optional.of(String.format("%04d", Integer.parseInt(digits)));
      }
    }
    return Optional.empty();
  }

  /** A region cell split into its code (2 or 4 digits) and name; empty if it does not start with a code. */
  static Optional<String[]> codeAndName(String cell) {
    Matcher m = CODE_AND_NAME.matcher(cell.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new String[] {m.group(1), m.group(2) == null ? "" : m.group(2).strip()});
  }

  /**
   * A whole, non-negative count: digits with spaces (also no-break and thin spaces) between thousands, or a
   * number Excel stored as "48123.0"; empty for anything else (".." and "X" are masked or missing figures).
   */
  static Optional<Long> count(String cell) {
    String s = cell.replaceAll("[\\s\\u00a0\\u2009\\u202f]", "");
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      BigDecimal d = new BigDecimal(s);
      if (d.signum() < 0 || d.stripTrailingZeros().scale() > 0) {
        return Optional.empty();
      }
      return Optional.of(d.longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
