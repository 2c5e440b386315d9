package se.bidrag.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import se.bidrag.grant.Luhn;

class OcrTest {

  @Test
  void luhnCheckDigitsOfPublishedNumbers() {
    // The textbook modulus-10 example (ISO/IEC 7812-1, "79927398713").
    assertEquals(3, Luhn.checkDigit("7992739871"));
    // Skatteverket's example personnummer 811218-9876 (SKV 704: the tenth digit is the check digit).
    assertEquals(6, Luhn.checkDigit("811218987"));
    // Socialstyrelsen's organisationsnummer 202100-0555 and Bankgirot's test bankgiro 5050-1055.
    assertTrue(Luhn.isValid("2021000555"));
    assertTrue(Luhn.isValid("50501055"));
    assertFalse(Luhn.isValid("2021000556"));
  }

  @Test
  void referenceWithLengthDigitAndCheckDigit() {
    // 12345: 7 digits in all, so the length digit is 7; Luhn over 123457 gives 4.
    assertEquals("1234574", Ocr.withLengthDigit("12345"));
    assertTrue(Ocr.isValid("1234574", true));
    // The first invoice of 2026: 10 digits + length digit 2 + check digit 1.
    assertEquals("202600000121", InvoiceNumber.ocr(InvoiceNumber.of(2026, 1)));
    assertEquals("79927398713", Ocr.withCheckDigit("7992739871"));
    assertTrue(Ocr.isValid("79927398713", false));
  }

  @Test
  void wrongDigitsAreRejected() {
    assertFalse(Ocr.isValid("1234575", true), "wrong check digit");
    assertFalse(Ocr.isValid("1234564", true), "wrong length digit (and check digit)");
    // A valid Luhn number whose length digit is wrong: 1234, length digit 5 (it has 6 digits), check digit.
    String wrongLength = "12345" + Luhn.checkDigit("12345");
    assertTrue(Luhn.isValid(wrongLength));
    assertFalse(Ocr.isValid(wrongLength, true), "the length digit says 5 but the reference has 6 digits");
    assertTrue(Ocr.isValid(wrongLength, false), "without a length digit only the check digit counts");
    assertFalse(Ocr.isValid("12a4574", true));
    assertFalse(Ocr.isValid(null, false));
    assertThrows(IllegalArgumentException.class, () -> Ocr.withLengthDigit(""));
    assertThrows(IllegalArgumentException.class, () -> Ocr.withLengthDigit("1".repeat(24)));
  }

  @Test
  void invoiceNumbersAreYearSeriesAndSequence() {
    assertEquals("2026000001", InvoiceNumber.of(2026, 1));
    assertEquals("2026099999", InvoiceNumber.of(2026, 99_999));
    assertEquals("2027100001", InvoiceNumber.of(2027, 1, 1), "the second grant's series: its own numbers, never another's");
    assertEquals("2027900012", InvoiceNumber.of(2027, 9, 12));
    assertThrows(IllegalArgumentException.class, () -> InvoiceNumber.of(2026, 0));
    assertThrows(IllegalArgumentException.class, () -> InvoiceNumber.of(2026, 100_000));
    assertThrows(IllegalArgumentException.class, () -> InvoiceNumber.of(2026, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> InvoiceNumber.of(2026, -1, 1));
    assertFalse(InvoiceNumber.isWellFormed("2027100000"));
    assertTrue(InvoiceNumber.isWellFormed("2026000017"));
    assertFalse(InvoiceNumber.isWellFormed("2026000000"));
    assertFalse(InvoiceNumber.isWellFormed("202600001"));
  }

  @Property
  void everyInvoiceNumberGivesAValidReferenceAndOneWrongDigitIsCaught(@ForAll @LongRange(min = 1, max = 99_999) long seq,
      @ForAll @LongRange(min = 0, max = 11) long position, @ForAll @LongRange(min = 1, max = 9) long delta) {
    String ocr = InvoiceNumber.ocr(InvoiceNumber.of(2026, seq));
    assertEquals(12, ocr.length());
    assertTrue(Ocr.isValid(ocr, true));
    char[] c = ocr.toCharArray();
    int i = (int) position;
    c[i] = (char) ('0' + (c[i] - '0' + delta) % 10);
    assertFalse(Ocr.isValid(new String(c), true), "a single wrong digit must be caught: " + new String(c));
  }
}
