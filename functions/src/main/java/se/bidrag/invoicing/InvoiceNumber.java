package se.bidrag.invoicing;

/**
 * Invoice numbers: the year of issue, the grant's series digit and a sequence number that starts at 1
 * each year and has no gaps, e.g. {@code 2026000001} (series 0) or {@code 2027100001} (series 1).
 * Each grant that invoices has its own series ({@code invoicing.series} of its definition), so two
 * grants invoicing in one year each keep a gap-free series and their numbers never collide. Credit
 * notes share their grant's series (one series of accounting documents).
 */
public final class InvoiceNumber {
  /** The largest sequence number a grant's series can hold in a year. */
  public static final long MAX_SEQUENCE = 99_999;

  private InvoiceNumber() {}

  /** A number of series 0. */
  public static String of(int year, long sequence) {
    return of(year, 0, sequence);
  }

  public static String of(int year, int series, long sequence) {
    if (year < 2000 || year > 9999 || series < 0 || series > 9 || sequence < 1 || sequence > MAX_SEQUENCE) {
      throw new IllegalArgumentException("no invoice number for year " + year + ", series " + series + " and sequence "
          + sequence);
    }
    return year + String.valueOf(series) + String.format("%05d", sequence);
  }

  /** Whether the text has the shape of an invoice number (ten digits: a year, a series and a sequence above zero). */
  public static boolean isWellFormed(String text) {
    return text != null && text.matches("20\\d{2}\\d{6}") && !text.endsWith("00000");
  }

  /** The OCR reference that identifies the invoice: its number, the length digit and the check digit. */
  public static String ocr(String number) {
    return Ocr.withLengthDigit(number);
  }
}
