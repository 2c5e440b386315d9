package se.bidrag.invoicing;

/**
 * An issued invoice and what has happened to it since: how much credit notes have cancelled, and
 * whether its e-mail is queued.
 *
 * @param credited kronor cancelled by credit notes (0 for a credit note itself)
 */
public record StoredInvoice(Invoice invoice, long credited, boolean mailed) {

  /** What is still claimed: the amount less what credit notes cancelled (0 for a credit note). */
  public long outstanding() {
    return invoice.isCreditNote() ? 0 : invoice.amount() - credited;
  }

  /** open, partly-credited, credited (invoices); issued (credit notes). */
  public String status() {
    if (invoice.isCreditNote()) {
      return "issued";
    }
    if (credited == 0) {
      return "open";
    }
    return credited == invoice.amount() ? "credited" : "partly-credited";
  }
}
