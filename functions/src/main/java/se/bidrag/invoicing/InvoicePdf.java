package se.bidrag.invoicing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import se.bidrag.notification.Kronor;

/**
 * The invoice for people: one A4 page (PDF) with the creditor, the debtor, the number, the dates, the
 * amount, how to pay (bankgiro and OCR) and the text on late payment. The same invoice always gives
 * the same bytes (fixed creation date and document id), so a stored PDF can be checked against it.
 */
public final class InvoicePdf {
  private static final float LEFT = 56;
  private static final float RIGHT = PDRectangle.A4.getWidth() - 56;
  private static final float WIDTH = RIGHT - LEFT;
  private static final TimeZone STOCKHOLM = TimeZone.getTimeZone("Europe/Stockholm");

  private InvoicePdf() {}

  public static byte[] render(Invoice inv, Creditor creditor) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      Writer w = new Writer(doc, page);
      try (w.cs) {
        float top = PDRectangle.A4.getHeight() - 64;
        w.at(LEFT, top).bold(15).line(creditor.name()).regular(10);
        if (creditor.postalCode() != null || creditor.city() != null) {
          w.line(join(creditor.postalCode(), creditor.city()));
        }
        w.line("Org.nr " + creditor.orgnrPrinted()).line("Bankgiro " + creditor.bankgiro());

        float x = LEFT + WIDTH * 0.55f;
        w.at(x, top).bold(18).line(inv.type().swedish().toUpperCase(java.util.Locale.ROOT)).gap(4).regular(10);
        w.pair(x, "Fakturanummer", inv.number());
        w.pair(x, "Fakturadatum", inv.issueDate().toString());
        if (inv.isCreditNote()) {
          w.pair(x, "Krediterar faktura", inv.credits());
        } else {
          w.pair(x, "Förfallodatum", inv.dueDate().toString());
          w.pair(x, "OCR-nummer", inv.ocr());
        }

        w.at(LEFT, top - 130).bold(10).line("Kund").regular(10).line(inv.debtor().name())
            .line("Org.nr " + inv.debtor().orgnrPrinted()).line("Er referens: " + inv.buyerReference());

        w.gap(14).bold(10).line("Avser").regular(10).wrapped(inv.grantTitle() + " (" + inv.recipientId() + ")")
            .wrapped(inv.description());

        w.gap(14).bold(10).row("Beskrivning", "Belopp").rule().regular(10)
            .row(inv.reason().swedish(), Kronor.format(inv.amount()) + " kr")
            .row("Moms (statsbidrag, inte föremål för moms)", "0 kr").rule().bold(11)
            .row(inv.isCreditNote() ? "Att kreditera" : "Att betala", Kronor.format(inv.amount()) + " kr").regular(10);

        w.gap(18);
        if (inv.isCreditNote()) {
          w.wrapped(Texts.credits(inv));
        } else {
          w.bold(10).line("Betalning").regular(10).wrapped(Texts.howToPay(inv, creditor)).gap(6)
              .wrapped(Texts.LATE_PAYMENT);
        }
        w.gap(18).regular(8).wrapped("Frågor om fakturan besvaras av " + creditor.name() + "; ange fakturanummer "
            + inv.number() + ". Bidrag: " + inv.grantId() + ".");
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(inv.type().swedish() + " " + inv.number());
      info.setAuthor(creditor.name());
      info.setSubject(inv.reason().swedish() + ", " + inv.debtor().name());
      GregorianCalendar issued = new GregorianCalendar(STOCKHOLM);
      issued.clear();
      issued.set(inv.issueDate().getYear(), inv.issueDate().getMonthValue() - 1, inv.issueDate().getDayOfMonth());
      info.setCreationDate(issued);
      info.setModificationDate(issued);
      doc.setDocumentId(Long.parseLong(inv.number()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("could not render the PDF of " + inv.number(), e);
    }
  }

  private static String join(String a, String b) {
    return (a == null ? "" : a) + (a != null && b != null ? " " : "") + (b == null ? "" : b);
  }

  /** Writes lines top-down on one page. */
  private static final class Writer {
    private final PDPageContentStream cs;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDType1Font font = regular;
    private float size = 10;
    private float x;
    private float y;

    Writer(PDDocument doc, PDPage page) throws IOException {
      this.cs = new PDPageContentStream(doc, page);
    }

    Writer at(float x, float y) {
      this.x = x;
      this.y = y;
      return this;
    }

    Writer bold(float size) {
      this.font = bold;
      this.size = size;
      return this;
    }

    Writer regular(float size) {
      this.font = regular;
      this.size = size;
      return this;
    }

    Writer gap(float points) {
      y -= points;
      return this;
    }

    Writer line(String text) throws IOException {
      y -= size * 1.35f;
      show(x, text);
      return this;
    }

    Writer pair(float at, String label, String value) throws IOException {
      y -= size * 1.45f;
      show(at, label);
      show(at + 100, value);
      return this;
    }

    Writer row(String left, String right) throws IOException {
      y -= size * 1.6f;
      show(LEFT, left);
      show(RIGHT - width(right), right);
      return this;
    }

    Writer rule() throws IOException {
      cs.moveTo(LEFT, y - 4);
      cs.lineTo(RIGHT, y - 4);
      cs.setLineWidth(0.5f);
      cs.stroke();
      y -= 4;
      return this;
    }

    Writer wrapped(String text) throws IOException {
      for (String l : wrap(text, WIDTH - (x - LEFT))) {
        line(l);
      }
      return this;
    }

    private List<String> wrap(String text, float max) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String word : clean(text).split(" ")) {
        String candidate = current.isEmpty() ? word : current + " " + word;
        if (width(candidate) > max && !current.isEmpty()) {
          lines.add(current.toString());
          current = new StringBuilder(word);
        } else {
          current = new StringBuilder(candidate);
        }
      }
      if (!current.isEmpty()) {
        lines.add(current.toString());
      }
      return lines;
    }

    private float width(String text) throws IOException {
      return font.getStringWidth(clean(text)) / 1000 * size;
    }

    private void show(float at, String text) throws IOException {
      cs.beginText();
      cs.setFont(font, size);
      cs.newLineAtOffset(at, y);
      cs.showText(clean(text));
      cs.endText();
    }

    /** The standard fonts' encoding has no no-break space glyph of its own; print a space. */
    private static String clean(String text) {
      return text.replace('\u00a0', ' ');
    }
  }
}
