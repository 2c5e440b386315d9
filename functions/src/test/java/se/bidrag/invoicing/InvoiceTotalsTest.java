package se.bidrag.invoicing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceTotalsTest {

  @Test
  void invoicesCreditNotesAndWhatIsOutstanding() {
    StoredInvoice invoice = new StoredInvoice(Samples.invoice(1000), 300, true);
    StoredInvoice creditNote = new StoredInvoice(Samples.creditNote(300), 0, true);
    StoredInvoice other = new StoredInvoice(Samples.invoice(50), 0, false);
    InvoiceTotals t = InvoiceTotals.of(List.of(invoice, creditNote, other));
    assertEquals(new InvoiceTotals(2, 1050, 1, 300, 750), t);
    assertEquals(750, t.net());
    assertEquals(new InvoiceTotals(0, 0, 0, 0, 0), InvoiceTotals.of(List.of()));
  }
}
