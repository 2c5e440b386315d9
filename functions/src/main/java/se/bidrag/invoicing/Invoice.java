package se.bidrag.invoicing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A repayment invoice or a credit note, as issued: nothing in it changes after it is issued (what
 * is credited later is kept beside it, see {@link StoredInvoice}).
 *
 * @param number from the year's gap-free series ({@link InvoiceNumber})
 * @param amount whole kronor, above zero (a credit note's amount is what it credits)
 * @param dueDate null for a credit note
 * @param ocr the payment reference; null for a credit note
 * @param credits for a credit note, the number of the invoice it credits; null for an invoice
 * @param source what caused it, unique per grant (e.g. {@code report:kommun-0114:v1}); a second
 *     attempt from the same source finds the first
 */
public record Invoice(String number, Type type, String grantId, String grantTitle, String recipientId, Debtor debtor,
    Reason reason, String description, long amount, LocalDate issueDate, LocalDate dueDate, String ocr,
    String buyerReference, String credits, String source, Instant createdAt) {

  public Invoice {
    if (amount <= 0) {
      throw new IllegalArgumentException("an invoice is for at least 1 kr, not " + amount);
    }
    if ((type == Type.CREDIT_NOTE) != (credits != null)) {
      throw new IllegalArgumentException("a credit note, and only a credit note, credits an invoice");
    }
  }

  /** Invoice or credit note. */
  public enum Type {
    INVOICE("invoice", "Faktura"), CREDIT_NOTE("credit-note", "Kreditfaktura");

    private final String code;
    private final String swedish;

    Type(String code, String swedish) {
      this.code = code;
      this.swedish = swedish;
    }

    public String code() {
      return code;
    }

    public String swedish() {
      return swedish;
    }

    public static Type parse(String code) {
      for (Type t : values()) {
        if (t.code.equals(code)) {
          return t;
        }
      }
      throw new IllegalArgumentException("no invoice type " + code);
    }
  }

  /** Why the money is claimed, or why a claim is cancelled. */
  public enum Reason {
    /** Money the recipient reported as not used (ej förbrukade medel). */
    UNSPENT("unspent", "Återbetalning av ej förbrukade medel enligt återrapport"),
    /** The agency's decision to reclaim money (återkrav), e.g. money not used for the grant's purpose. */
    RECOVERY("recovery", "Återkrav av statsbidrag"),
    /** The report was corrected; the earlier invoice is cancelled and replaced. */
    CORRECTION("correction", "Rättad återrapport"),
    /** The agency waived the claim in full or in part (eftergift). */
    WAIVER("waiver", "Eftergift");

    private final String code;
    private final String swedish;

    Reason(String code, String swedish) {
      this.code = code;
      this.swedish = swedish;
    }

    public String code() {
      return code;
    }

    public String swedish() {
      return swedish;
    }

    public static Reason parse(String code) {
      for (Reason r : values()) {
        if (r.code.equals(code)) {
          return r;
        }
      }
      throw new IllegalArgumentException("no invoice reason " + code);
    }
  }

  /**
   * Who owes the money: the recipient, at its registry mailbox (registratur).
   *
   * @param email where the invoice is e-mailed (the registry address given in the requisition)
   */
  public record Debtor(String name, String orgnr, String email) {
    public String orgnrPrinted() {
      return orgnr.substring(0, 6) + "-" + orgnr.substring(6);
    }
  }

  public boolean isCreditNote() {
    return type == Type.CREDIT_NOTE;
  }
}
