package se.bidrag.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import se.bidrag.reporting.Report;

/** What a report, a correction and a waiver leave claimed: always exactly the unspent amount, to the krona. */
class InvoiceArithmeticTest {
  static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  static Report report(long version, long received, long unspent) {
    TreeMap<Integer, Long> used = new TreeMap<>();
    used.put(1, received - unspent);
    return new Report("god-och-nara-vard-2025", "region-18", "Region Örebro län", version, received, used, unspent,
        "Redovisning", "Anna Andersson", "anna@example.se", Instant.parse("2026-03-30T22:30:00Z"), false, false);
  }

  static StoredInvoice claimed(long amount, long credited) {
    return new StoredInvoice(Samples.invoice(amount), credited, true);
  }

  @Test
  void aFirstReportWithUnspentMoneyIsInvoicedForExactlyThatAmount() {
    List<Draft> drafts = ReportInvoicing.plan(report(1, 79_457_650, 1_234_567), null, STOCKHOLM);
    assertEquals(1, drafts.size());
    assertEquals(Invoice.Type.INVOICE, drafts.get(0).type());
    assertEquals(1_234_567, drafts.get(0).amount());
    assertEquals("Anna Andersson", drafts.get(0).buyerReference(), "the reporter is the buyer reference");
    assertTrue(drafts.get(0).description().contains("lämnad 2026-03-31"), "the local date: " + drafts.get(0).description());
    assertTrue(drafts.get(0).description().contains("användes 78\u00a0223\u00a0083 kr"), drafts.get(0).description());
  }

  @Test
  void nothingIsInvoicedWhenEverythingWasUsedOrTheAmountIsAlreadyClaimed() {
    assertEquals(List.of(), ReportInvoicing.plan(report(1, 1000, 0), null, STOCKHOLM));
    assertEquals(List.of(), ReportInvoicing.plan(report(2, 1000, 300), claimed(300, 0), STOCKHOLM));
  }

  @Test
  void aCorrectionCreditsWhatIsStillClaimedAndInvoicesTheNewAmount() {
    List<Draft> drafts = ReportInvoicing.plan(report(2, 1000, 450), claimed(300, 0), STOCKHOLM);
    assertEquals(List.of(Invoice.Type.CREDIT_NOTE, Invoice.Type.INVOICE), drafts.stream().map(Draft::type).toList());
    assertEquals(300, drafts.get(0).amount());
    assertEquals("2026000001", drafts.get(0).credits());
    assertEquals(450, drafts.get(1).amount());
    // partly waived earlier: only what is still claimed is credited
    List<Draft> afterWaiver = ReportInvoicing.plan(report(2, 1000, 450), claimed(300, 100), STOCKHOLM);
    assertEquals(200, afterWaiver.get(0).amount());
    // corrected to nothing unspent: a credit note only
    List<Draft> toZero = ReportInvoicing.plan(report(3, 1000, 0), claimed(450, 0), STOCKHOLM);
    assertEquals(1, toZero.size());
    assertEquals(-450, toZero.get(0).signedAmount());
  }

  @Property
  void afterAnyCorrectionTheClaimEqualsTheUnspentAmount(@ForAll @LongRange(min = 1, max = 5_000_000_000L) long received,
      @ForAll @LongRange(min = 0, max = 5_000_000_000L) long before, @ForAll @LongRange(min = 0, max = 5_000_000_000L) long after,
      @ForAll @LongRange(min = 0, max = 5_000_000_000L) long waived) {
    long first = Math.min(before, received);
    long unspent = Math.min(after, received);
    long credited = first == 0 ? 0 : Math.min(waived, first);
    StoredInvoice current = first == 0 ? null : claimed(first, credited);
    long claimedBefore = current == null ? 0 : current.outstanding();
    long change = ReportInvoicing.plan(report(2, received, unspent), current, STOCKHOLM).stream()
        .mapToLong(Draft::signedAmount).sum();
    assertEquals(unspent, claimedBefore + change, "claimed after = unspent, to the krona");
  }

  @Test
  void statusAndOutstandingFollowTheCredits() {
    assertEquals("open", claimed(1000, 0).status());
    assertEquals(1000, claimed(1000, 0).outstanding());
    assertEquals("partly-credited", claimed(1000, 1).status());
    assertEquals(999, claimed(1000, 1).outstanding());
    assertEquals("credited", claimed(1000, 1000).status());
    StoredInvoice note = new StoredInvoice(Samples.creditNote(10), 0, true);
    assertEquals(0, note.outstanding());
    assertEquals("issued", note.status());
  }

  @Test
  void anIssuingsNetChangeIsInvoicesLessCreditNotes() {
    var issuing = new InvoiceStore.Issuing(2026, 0, 0, List.of(
        new InvoiceStore.Document(Samples.creditNote(300), new byte[0], new byte[0]),
        new InvoiceStore.Document(Samples.invoice(450), new byte[0], new byte[0])), "g", "region-18", "s", null, 1000,
        new InvoiceStore.Credit("2026000001", 300), null, List.of(), null);
    assertEquals(150, issuing.netChange());
  }

  @Test
  void anInvoiceIsForAtLeastOneKrona() {
    assertThrows(IllegalArgumentException.class, () -> Samples.invoice(0));
    assertThrows(IllegalArgumentException.class, () -> Draft.invoice(Invoice.Reason.RECOVERY, "x", -5, "ref"));
  }
}
