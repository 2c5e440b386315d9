package se.bidrag.invoicing;

import java.io.ByteArrayOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The e-invoice: a Peppol BIS Billing 3.0 UBL 2.1 Invoice (type 380) or CreditNote (type 381), as
 * Swedish public bodies receive them. A state grant's repayment is outside the scope of VAT, so
 * the one line and the VAT breakdown carry category O ("not subject to VAT") with its exemption
 * reason, and no VAT identifiers. Both parties are identified by organisation number (ICD 0007); the
 * invoice is paid by credit transfer to the agency's bankgiro ({@code SE:BANKGIRO}) with the OCR
 * reference as payment id.
 */
public final class PeppolUbl {
  public static final String CUSTOMIZATION_ID =
      "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0";
  public static final String PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";
  public static final String INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
  public static final String CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
  public static final String CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
  public static final String CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
  /** ISO 6523 ICD of the Swedish organisation number. */
  public static final String ORGNR_SCHEME = "0007";
  static final String EXEMPTION_REASON = "Återbetalning av statsbidrag, inte föremål för mervärdesskatt";

  private PeppolUbl() {}

  public static byte[] write(Invoice inv, Creditor creditor) {
    boolean credit = inv.isCreditNote();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("", credit ? "CreditNote" : "Invoice", credit ? CREDIT_NOTE_NS : INVOICE_NS);
      w.writeDefaultNamespace(credit ? CREDIT_NOTE_NS : INVOICE_NS);
      w.writeNamespace("cac", CAC);
      w.writeNamespace("cbc", CBC);
      cbc(w, "CustomizationID", CUSTOMIZATION_ID);
      cbc(w, "ProfileID", PROFILE_ID);
      cbc(w, "ID", inv.number());
      cbc(w, "IssueDate", inv.issueDate().toString());
      if (!credit) {
        cbc(w, "DueDate", inv.dueDate().toString());
      }
      cbc(w, credit ? "CreditNoteTypeCode" : "InvoiceTypeCode", credit ? "381" : "380");
      cbc(w, "Note", inv.description());
      cbc(w, "DocumentCurrencyCode", "SEK");
      cbc(w, "BuyerReference", inv.buyerReference());
      if (credit) {
        cac(w, "BillingReference");
        cac(w, "InvoiceDocumentReference");
        cbc(w, "ID", inv.credits());
        w.writeEndElement();
        w.writeEndElement();
      }
      party(w, "AccountingSupplierParty", creditor.name(), creditor.orgnr(), creditor.postalCode(), creditor.city());
      party(w, "AccountingCustomerParty", inv.debtor().name(), inv.debtor().orgnr(), null, null);
      if (!credit) {
        cac(w, "PaymentMeans");
        w.writeStartElement("cbc", "PaymentMeansCode", CBC);
        w.writeAttribute("name", "Credit transfer");
        w.writeCharacters("30");
        w.writeEndElement();
        cbc(w, "PaymentID", inv.ocr());
        cac(w, "PayeeFinancialAccount");
        cbc(w, "ID", creditor.bankgiroDigits());
        cbc(w, "Name", creditor.name());
        cac(w, "FinancialInstitutionBranch");
        cbc(w, "ID", "SE:BANKGIRO");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        cac(w, "PaymentTerms");
        cbc(w, "Note", Texts.paymentTerms(inv));
        w.writeEndElement();
      }
      cac(w, "TaxTotal");
      amount(w, "TaxAmount", 0);
      cac(w, "TaxSubtotal");
      amount(w, "TaxableAmount", inv.amount());
      amount(w, "TaxAmount", 0);
      taxCategory(w, "TaxCategory", true);
      w.writeEndElement();
      w.writeEndElement();
      cac(w, "LegalMonetaryTotal");
      amount(w, "LineExtensionAmount", inv.amount());
      amount(w, "TaxExclusiveAmount", inv.amount());
      amount(w, "TaxInclusiveAmount", inv.amount());
      amount(w, "PayableAmount", inv.amount());
      w.writeEndElement();
      cac(w, credit ? "CreditNoteLine" : "InvoiceLine");
      cbc(w, "ID", "1");
      w.writeStartElement("cbc", credit ? "CreditedQuantity" : "InvoicedQuantity", CBC);
      w.writeAttribute("unitCode", "C62");
      w.writeCharacters("1");
      w.writeEndElement();
      amount(w, "LineExtensionAmount", inv.amount());
      cac(w, "Item");
      cbc(w, "Description", Texts.lineDescription(inv));
      cbc(w, "Name", inv.reason().swedish());
      taxCategory(w, "ClassifiedTaxCategory", false);
      w.writeEndElement();
      cac(w, "Price");
      amount(w, "PriceAmount", inv.amount());
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write the UBL document of " + inv.number(), e);
    }
    return out.toByteArray();
  }

  private static void party(XMLStreamWriter w, String role, String name, String orgnr, String postalCode, String city)
      throws XMLStreamException {
    cac(w, role);
    cac(w, "Party");
    w.writeStartElement("cbc", "EndpointID", CBC);
    w.writeAttribute("schemeID", ORGNR_SCHEME);
    w.writeCharacters(orgnr);
    w.writeEndElement();
    cac(w, "PartyIdentification");
    w.writeStartElement("cbc", "ID", CBC);
    w.writeAttribute("schemeID", ORGNR_SCHEME);
    w.writeCharacters(orgnr);
    w.writeEndElement();
    w.writeEndElement();
    cac(w, "PartyName");
    cbc(w, "Name", name);
    w.writeEndElement();
    cac(w, "PostalAddress");
    if (city != null) {
      cbc(w, "CityName", city);
    }
    if (postalCode != null) {
      cbc(w, "PostalZone", postalCode);
    }
    cac(w, "Country");
    cbc(w, "IdentificationCode", "SE");
    w.writeEndElement();
    w.writeEndElement();
    cac(w, "PartyLegalEntity");
    cbc(w, "RegistrationName", name);
    w.writeStartElement("cbc", "CompanyID", CBC);
    w.writeAttribute("schemeID", ORGNR_SCHEME);
    w.writeCharacters(orgnr);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
  }

  private static void taxCategory(XMLStreamWriter w, String element, boolean withReason) throws XMLStreamException {
    cac(w, element);
    cbc(w, "ID", "O");
    if (withReason) {
      cbc(w, "TaxExemptionReason", EXEMPTION_REASON);
    }
    cac(w, "TaxScheme");
    cbc(w, "ID", "VAT");
    w.writeEndElement();
    w.writeEndElement();
  }

  private static void cac(XMLStreamWriter w, String name) throws XMLStreamException {
    w.writeStartElement("cac", name, CAC);
  }

  private static void cbc(XMLStreamWriter w, String name, String text) throws XMLStreamException {
    w.writeStartElement("cbc", name, CBC);
    w.writeCharacters(text);
    w.writeEndElement();
  }

  private static void amount(XMLStreamWriter w, String name, long kronor) throws XMLStreamException {
    w.writeStartElement("cbc", name, CBC);
    w.writeAttribute("currencyID", "SEK");
    w.writeCharacters(kronor + ".00");
    w.writeEndElement();
  }
}
