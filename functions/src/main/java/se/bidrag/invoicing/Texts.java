package se.bidrag.invoicing;

import se.bidrag.notification.Kronor;

/** The invoice's texts in Swedish, the same on the PDF, in the e-invoice and in the e-mail. */
final class Texts {
  /**
   * A state receivable that is paid late bears interest under the Interest Act (räntelagen); the
   * agency charges it as förordningen (1993:1138) om hantering av statliga fordringar requires.
   */
  static final String LATE_PAYMENT = "Vid betalning efter förfallodagen debiteras dröjsmålsränta enligt 6 § "
      + "räntelagen (1975:635), i enlighet med förordningen (1993:1138) om hantering av statliga fordringar.";

  private Texts() {}

  /** How and by when to pay, and what happens when payment is late. */
  static String paymentTerms(Invoice inv) {
    return "Betalas senast " + inv.dueDate() + " med OCR-nummer " + inv.ocr() + ". " + LATE_PAYMENT;
  }

  static String howToPay(Invoice inv, Creditor creditor) {
    return "Betala " + Kronor.format(inv.amount()) + " kr till bankgiro " + creditor.bankgiro() + " senast "
        + inv.dueDate() + ". Ange OCR-nummer " + inv.ocr() + " som referens.";
  }

  /** What the line is for: the grant, the recipient role, and the reason. */
  static String lineDescription(Invoice inv) {
    return inv.grantTitle() + " (" + inv.recipientId() + "). " + inv.description();
  }

  /** The credit note's statement of what it cancels. */
  static String credits(Invoice inv) {
    return "Krediterar faktura " + inv.credits() + " med " + Kronor.format(inv.amount()) + " kr. Ingen betalning ska göras.";
  }
}
