package se.bidrag.invoicing;

import java.util.List;
import java.util.Map;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.Html;
import se.bidrag.notification.Kronor;

/** The e-mail that carries an invoice or a credit note (PDF attached) to the debtor's registry mailbox. */
final class InvoiceLetters {
  private InvoiceLetters() {}

  static String jobId(Invoice inv) {
    return inv.type().code() + ":" + inv.number();
  }

  static EmailJob letter(Invoice inv, Creditor creditor, byte[] pdf) {
    StringBuilder t = new StringBuilder();
    t.append("Till registraturen för ").append(inv.debtor().name()).append("\n\n");
    if (inv.isCreditNote()) {
      t.append(creditor.name()).append(" har utfärdat kreditfaktura ").append(inv.number()).append(" avseende ")
          .append(inv.grantTitle()).append(".\n\n").append(inv.description()).append("\n\n").append(Texts.credits(inv))
          .append("\n\n");
    } else {
      t.append(creditor.name()).append(" fakturerar ").append(Kronor.format(inv.amount())).append(" kronor avseende ")
          .append(inv.grantTitle()).append(" (faktura ").append(inv.number()).append(").\n\n")
          .append(inv.description()).append("\n\n").append(Texts.howToPay(inv, creditor)).append("\n\n")
          .append(Texts.LATE_PAYMENT).append("\n\n");
    }
    t.append("Fakturan finns som PDF i bilagan och som e-faktura (Peppol BIS Billing 3.0). Frågor besvaras av ")
        .append(creditor.name()).append("; ange fakturanummer ").append(inv.number()).append(".\n\n")
        .append(creditor.name()).append("\n");
    String file = (inv.isCreditNote() ? "kreditfaktura-" : "faktura-") + inv.number() + ".pdf";
    return new EmailJob(jobId(inv), inv.debtor().email(), inv.type().swedish() + " " + inv.number() + " – "
        + inv.grantTitle(), t.toString(), Html.letter(t.toString(), null),
        List.of(new EmailJob.Attachment(file, "application/pdf", pdf)),
        Map.of("grant", inv.grantId(), "recipient", inv.recipientId(), "purpose", inv.type().code(),
            "invoice", inv.number()));
  }
}
