package se.bidrag.invoicing;

import java.util.List;

/**
 * What invoices and credit notes add up to: how many invoices and what they claimed, how many credit
 * notes and what they cancelled, and what is still outstanding.
 */
public record InvoiceTotals(int invoices, long invoiced, int creditNotes, long credited, long outstanding) {

  /** What is invoiced net of credit notes. */
  public long net() {
    return invoiced - credited;
  }

  public static InvoiceTotals of(List<StoredInvoice> documents) {
    int invoices = 0;
    long invoiced = 0;
    int creditNotes = 0;
    long credited = 0;
    long outstanding = 0;
    for (StoredInvoice s : documents) {
      if (s.invoice().isCreditNote()) {
        creditNotes++;
        credited += s.invoice().amount();
      } else {
        invoices++;
        invoiced += s.invoice().amount();
        outstanding += s.outstanding();
      }
    }
    return new InvoiceTotals(invoices, invoiced, creditNotes, credited, outstanding);
  }
}
