package se.bidrag.invoicing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.helger.diver.api.coord.DVRCoordinate;
import com.helger.io.resource.inmemory.ReadableResourceByteArray;
import com.helger.phive.api.execute.ValidationExecutionManager;
import com.helger.phive.api.executorset.IValidationExecutorSet;
import com.helger.phive.api.executorset.ValidationExecutorSetRegistry;
import com.helger.phive.api.result.ValidationResultList;
import com.helger.phive.api.validity.IValidityDeterminator;
import com.helger.phive.peppol.PeppolValidation;
import com.helger.phive.peppol.PeppolValidation2026_05;
import com.helger.phive.xml.source.IValidationSourceXML;
import com.helger.phive.xml.source.ValidationSourceXML;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The e-invoices against the official Peppol BIS Billing 3.0 validation artefacts (UBL 2.1 XSD,
 * CEN EN 16931 schematron, PEPPOL schematron incl. the Swedish national rules), release 2026-05 as
 * packaged by phive-rules-peppol; and the PDF, read back as text.
 */
class InvoiceDocumentsTest {
  private static ValidationExecutorSetRegistry<IValidationSourceXML> registry;

  @BeforeAll
  static void loadRules() {
    registry = new ValidationExecutorSetRegistry<>();
    PeppolValidation.initStandard(registry);
  }

  /** Every failure the rules report (fatal errors, errors and warnings), as text. */
  static List<String> failures(byte[] xml, DVRCoordinate vesid) {
    IValidationExecutorSet<IValidationSourceXML> ves = registry.getOfID(vesid);
    ValidationResultList result = ValidationExecutionManager.executeValidation(IValidityDeterminator.createDefault(), ves,
        ValidationSourceXML.create(new ReadableResourceByteArray("invoice.xml", xml)));
    List<String> out = new ArrayList<>();
    result.getAllFailures().forEach(e -> out.add(e.getAsString(Locale.ROOT)));
    return out;
  }

  @Test
  void invoicePassesPeppolBisBilling3WithZeroErrorsAndNoWarnings() {
    byte[] xml = PeppolUbl.write(Samples.invoice(1_234_567), Samples.CREDITOR);
    assertEquals(List.of(), failures(xml, PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3));
    String text = new String(xml, StandardCharsets.UTF_8);
    assertTrue(text.contains("<cbc:PaymentID>202600000121</cbc:PaymentID>"), text);
    assertTrue(text.contains("<cbc:PayableAmount currencyID=\"SEK\">1234567.00</cbc:PayableAmount>"), text);
    assertTrue(text.contains("<cbc:EndpointID schemeID=\"0007\">2321000164</cbc:EndpointID>"), text);
  }

  @Test
  void creditNotePassesPeppolBisBilling3WithZeroErrorsAndNoWarnings() {
    byte[] xml = PeppolUbl.write(Samples.creditNote(200_000), Samples.CREDITOR);
    assertEquals(List.of(), failures(xml, PeppolValidation2026_05.VID_OPENPEPPOL_CREDIT_NOTE_UBL_V3));
    assertTrue(new String(xml, StandardCharsets.UTF_8).contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"));
  }

  @Test
  void brokenInvoicesFailTheRules() {
    String good = new String(PeppolUbl.write(Samples.invoice(1_234_567), Samples.CREDITOR), StandardCharsets.UTF_8);
    // The totals no longer add up (BR-CO-10 / BR-CO-13 / BR-CO-15).
    String badTotal = good.replace("<cbc:PayableAmount currencyID=\"SEK\">1234567.00",
        "<cbc:PayableAmount currencyID=\"SEK\">1234566.00").replace(
        "<cbc:TaxInclusiveAmount currencyID=\"SEK\">1234567.00", "<cbc:TaxInclusiveAmount currencyID=\"SEK\">1234566.00");
    List<String> e1 = failures(badTotal.getBytes(StandardCharsets.UTF_8), PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3);
    assertTrue(e1.stream().anyMatch(e -> e.contains("BR-CO-15")), e1.toString());
    // No buyer reference and no order reference (PEPPOL-EN16931-R003).
    String noReference = good.replaceAll("<cbc:BuyerReference>[^<]*</cbc:BuyerReference>", "");
    List<String> e2 = failures(noReference.getBytes(StandardCharsets.UTF_8), PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3);
    assertTrue(e2.stream().anyMatch(e -> e.contains("PEPPOL-EN16931-R003")), e2.toString());
    // A Swedish organisation number that fails its check digit (SE-R-013).
    String badOrgnr = good.replace(">2021000555<", ">2021000556<");
    List<String> e3 = failures(badOrgnr.getBytes(StandardCharsets.UTF_8), PeppolValidation2026_05.VID_OPENPEPPOL_INVOICE_UBL_V3);
    assertTrue(e3.stream().anyMatch(e -> e.contains("SE-R-013")), e3.toString());
  }

  @Test
  void pdfCarriesEveryFieldOfTheInvoice() throws IOException {
    Invoice inv = Samples.invoice(1_234_567);
    byte[] pdf = InvoicePdf.render(inv, Samples.CREDITOR);
    String text = text(pdf);
    for (String expected : List.of("FAKTURA", "Socialstyrelsen", "106 30 Stockholm", "Org.nr 202100-0555",
        "Bankgiro 5050-1055", "Fakturanummer 2026000001", "Fakturadatum 2026-03-20", "Förfallodatum 2026-04-19",
        "OCR-nummer 202600000121", "Region Örebro län", "Org.nr 232100-0164", "Er referens: Anna Andersson",
        "Statsbidrag för utveckling av en god och nära vård 2025 (region-18)",
        "Återbetalning av ej förbrukade medel enligt återrapport", "Att betala 1 234 567 kr",
        "Betala 1 234 567 kr till bankgiro 5050-1055 senast 2026-04-19. Ange OCR-nummer 202600000121",
        "dröjsmålsränta enligt 6 § räntelagen (1975:635)")) {
      assertTrue(text.contains(expected), "the PDF lacks '" + expected + "':\n" + text);
    }
    assertArrayEquals(pdf, InvoicePdf.render(inv, Samples.CREDITOR), "the same invoice renders the same bytes");
  }

  @Test
  void creditNotePdfSaysWhatItCredits() throws IOException {
    String text = text(InvoicePdf.render(Samples.creditNote(200_000), Samples.CREDITOR));
    for (String expected : List.of("KREDITFAKTURA", "Krediterar faktura 2026000001", "Att kreditera 200 000 kr",
        "Ingen betalning ska göras")) {
      assertTrue(text.contains(expected), "the PDF lacks '" + expected + "':\n" + text);
    }
    assertTrue(!text.contains("OCR-nummer"), text);
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("[ \\u00a0]+", " ");
    }
  }
}
