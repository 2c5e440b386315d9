package se.bidrag.invoicing;

/**
 * An invoice or credit note decided on but not yet numbered.
 *
 * @param credits for a credit note, the invoice it credits
 */
public record Draft(Invoice.Type type, Invoice.Reason reason, String description, long amount, String buyerReference,
    String credits) {

  public Draft {
    if (amount <= 0) {
      throw new IllegalArgumentException("a draft is for at least 1 kr, not " + amount);
    }
  }

  public static Draft invoice(Invoice.Reason reason, String description, long amount, String buyerReference) {
    return new Draft(Invoice.Type.INVOICE, reason, description, amount, buyerReference, null);
  }

  public static Draft creditNote(Invoice.Reason reason, String description, long amount, StoredInvoice credited) {
    return new Draft(Invoice.Type.CREDIT_NOTE, reason, description, amount, credited.invoice().buyerReference(),
        credited.invoice().number());
  }

  public long signedAmount() {
    return type == Invoice.Type.CREDIT_NOTE ? -amount : amount;
  }
}
