package se.bidrag.invoicing;

/**
 * Invoice numbers: the year of issue and a sequence number that starts at 1 each year and has no
 * gaps, e.g. {@code 2026000001}. Credit notes share the series (one series of accounting documents).
 */
public final class InvoiceNumber {
  /** The largest sequence number a year can hold. */
  public static final long MAX_SEQUENCE = 999_999;

  private InvoiceNumber() {}

  public static String of(int year, long sequence) {
    if (year < 2000 || year > 9999 || sequence < 1 || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("no invoice number for year " + year + " and sequence " + sequence);
    }
    return year + String.format("%06d", sequence);
  }

  /** Whether the text has the shape of an invoice number (ten digits, a year and a sequence above zero). */
  public static boolean isWellFormed(String text) {
    return text != null && text.matches("20\\d{2}\\d{6}") && !text.endsWith("000000");
  }

  /** The OCR reference that identifies the invoice: its number, the length digit and the check digit. */
  public static String ocr(String number) {
    return Ocr.withLengthDigit(number);
  }
}
