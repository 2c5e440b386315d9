package se.bidrag.payout;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An ISO 20022 customer credit transfer initiation, pain.001.001.03: one file per approved payout
 * batch, the agency as debtor (its bankgiro as the debtor account, scheme BGNR), one credit transfer
 * per order in SEK, the order id as end-to-end id. Each creditor is identified by its organisation
 * number and paid to its approved bankgiro as the Swedish banks' guides for bankgiro payments have
 * it: the account as {@code CdtrAcct/Id/Othr/Id} with the proprietary scheme {@code BGNR}, and the
 * creditor agent as the Bankgiro clearing ({@code ClrSysId/Cd} SESBA, member 9900). The group header
 * names the attestant's approval ({@code Authstn/Prtry}: approval id, approver, time).
 */
public final class Pain001 {
  public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
  private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private Pain001() {}

  /** Who pays. {@code bic} may be null (then NOTPROVIDED). */
  public record Debtor(String name, String orgnr, String bankgiro, String bic) {}

  public static byte[] write(String runId, LocalDateTime created, LocalDate executionDate, Debtor debtor,
      List<PaymentOrder> orders, String grantTitle, PayoutBatch.Approval approval) {
    long total = orders.stream().mapToLong(PaymentOrder::amount).sum();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("Document");
      w.writeDefaultNamespace(NAMESPACE);
      w.writeStartElement("CstmrCdtTrfInitn");

      w.writeStartElement("GrpHdr");
      text(w, "MsgId", runId);
      text(w, "CreDtTm", CREATED.format(created));
      w.writeStartElement("Authstn");
      text(w, "Prtry", authorisation(approval));
      w.writeEndElement();
      text(w, "NbOfTxs", Integer.toString(orders.size()));
      text(w, "CtrlSum", amount(total));
      party(w, "InitgPty", debtor.name(), debtor.orgnr());
      w.writeEndElement();

      w.writeStartElement("PmtInf");
      text(w, "PmtInfId", runId);
      text(w, "PmtMtd", "TRF");
      text(w, "NbOfTxs", Integer.toString(orders.size()));
      text(w, "CtrlSum", amount(total));
      w.writeStartElement("PmtTpInf");
      w.writeStartElement("SvcLvl");
      text(w, "Cd", "NURG");
      w.writeEndElement();
      w.writeEndElement();
      text(w, "ReqdExctnDt", executionDate.toString());
      party(w, "Dbtr", debtor.name(), debtor.orgnr());
      w.writeStartElement("DbtrAcct");
      w.writeStartElement("Id");
      w.writeStartElement("Othr");
      text(w, "Id", debtor.bankgiro().replace("-", ""));
      w.writeStartElement("SchmeNm");
      text(w, "Prtry", "BGNR");
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      text(w, "Ccy", "SEK");
      w.writeEndElement();
      w.writeStartElement("DbtrAgt");
      w.writeStartElement("FinInstnId");
      if (debtor.bic() != null && !debtor.bic().isBlank()) {
        text(w, "BIC", debtor.bic());
      } else {
        w.writeStartElement("Othr");
        text(w, "Id", "NOTPROVIDED");
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
      text(w, "ChrgBr", "SLEV");

      for (PaymentOrder o : orders) {
        w.writeStartElement("CdtTrfTxInf");
        w.writeStartElement("PmtId");
        text(w, "InstrId", o.orderId());
        text(w, "EndToEndId", o.orderId());
        w.writeEndElement();
        w.writeStartElement("Amt");
        w.writeStartElement("InstdAmt");
        w.writeAttribute("Ccy", "SEK");
        w.writeCharacters(amount(o.amount()));
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("CdtrAgt");
        w.writeStartElement("FinInstnId");
        w.writeStartElement("ClrSysMmbId");
        w.writeStartElement("ClrSysId");
        text(w, "Cd", "SESBA");
        w.writeEndElement();
        text(w, "MmbId", "9900");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        party(w, "Cdtr", o.name(), o.orgnr());
        w.writeStartElement("CdtrAcct");
        w.writeStartElement("Id");
        w.writeStartElement("Othr");
        text(w, "Id", o.bankgiro());
        w.writeStartElement("SchmeNm");
        text(w, "Prtry", "BGNR");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("RmtInf");
        String purpose = (o.kind() == PaymentOrder.Kind.REQUISITION ? "Rekvisition " : "Omfördelning ")
            + o.recipientId() + ", " + grantTitle;
        text(w, "Ustrd", purpose.length() > 140 ? purpose.substring(0, 140) : purpose);
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** The approval as the group header names it: at most 128 characters. */
  static String authorisation(PayoutBatch.Approval a) {
    String text = "Attest " + a.approvalId() + " " + a.at().toString() + " av " + a.approvedBy();
    return text.length() > 128 ? text.substring(0, 128) : text;
  }

  /** Whole kronor with two decimals (the XML amount type is decimal). */
  static String amount(long kronor) {
    return kronor + ".00";
  }

  private static void party(XMLStreamWriter w, String element, String name, String orgnr) throws XMLStreamException {
    w.writeStartElement(element);
    text(w, "Nm", name.length() > 70 ? name.substring(0, 70) : name);
    w.writeStartElement("Id");
    w.writeStartElement("OrgId");
    w.writeStartElement("Othr");
    text(w, "Id", orgnr);
    w.writeStartElement("SchmeNm");
    text(w, "Cd", "CINC");
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndElement();
  }

  private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
    w.writeStartElement(element);
    w.writeCharacters(value);
    w.writeEndElement();
  }
}
