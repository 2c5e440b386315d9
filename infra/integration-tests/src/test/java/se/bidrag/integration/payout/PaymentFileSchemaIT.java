package se.bidrag.integration.payout;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;
import se.bidrag.payout.Pain001;
import se.bidrag.payout.PaymentOrder;
import se.bidrag.payout.PayoutBatch;

/** The payment file validates against the official ISO 20022 pain.001.001.03 XSD, and a broken one does not. */
class PaymentFileSchemaIT {
  static Schema schema;

  @BeforeAll
  static void load() {
    schema = OfficialSchemas.pain001();
  }

  static void validate(byte[] xml) throws Exception {
    schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
  }

  static byte[] file(List<PaymentOrder> orders) {
    return Pain001.write("20250418T060000-1a2b3", LocalDateTime.parse("2025-04-18T06:00:00"), LocalDate.parse("2025-04-18"),
        new Pain001.Debtor("Socialstyrelsen", "2021000555", "5050-1055", null), orders,
        "Statsbidrag för utveckling av en god och nära vård 2025", new PayoutBatch.Approval("ATT-20250418-1a2b3c4d",
            "attestant-1", "2021000555/attestant/attestant-1", Instant.parse("2025-04-18T07:12:00Z")));
  }

  static PaymentOrder order(String recipient, long amount, PaymentOrder.Kind kind) {
    return new PaymentOrder(PaymentOrder.id(kind, recipient), "god-och-nara-vard-2025", recipient, "2120000019",
        "Upplands Väsby", kind, amount, "50501055", "20250418T060000-1a2b3", PaymentOrder.Status.SENT,
        Instant.parse("2025-04-18T04:00:00Z"));
  }

  @Test
  void aGeneratedFileIsValid() throws Exception {
    byte[] xml = file(List.of(order("kommun-0114", 3_235_260, PaymentOrder.Kind.REQUISITION),
        order("region-18", 80_347_703, PaymentOrder.Kind.REQUISITION),
        order("kommun-0114", 12_345, PaymentOrder.Kind.REDISTRIBUTION)));
    validate(xml);
    String text = new String(xml, StandardCharsets.UTF_8);
    assertTrue(text.contains("<CtrlSum>83595308.00</CtrlSum>"), text);
    assertTrue(text.contains("<NbOfTxs>3</NbOfTxs>"), text);
    assertTrue(text.contains("<InstdAmt Ccy=\"SEK\">3235260.00</InstdAmt>"), text);
    assertTrue(text.contains("<Authstn><Prtry>Attest ATT-20250418-1a2b3c4d 2025-04-18T07:12:00Z av attestant-1</Prtry>"
        + "</Authstn>"), "the group header names the approval: " + text);
    assertTrue(text.contains("<CdtrAcct><Id><Othr><Id>50501055</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id>"
        + "</CdtrAcct>"), "the creditor's bankgiro, as the Swedish banks' guides have it: " + text);
  }

  @Test
  void aBrokenFileFailsValidation() {
    String broken = new String(file(List.of(order("kommun-0114", 100, PaymentOrder.Kind.REQUISITION))),
        StandardCharsets.UTF_8).replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>CASH</PmtMtd>");
    assertThrows(SAXException.class, () -> validate(broken.getBytes(StandardCharsets.UTF_8)));
    String noDebtor = new String(file(List.of(order("kommun-0114", 100, PaymentOrder.Kind.REQUISITION))),
        StandardCharsets.UTF_8).replaceAll("<Dbtr>.*?</Dbtr>", "");
    assertThrows(SAXException.class, () -> validate(noDebtor.getBytes(StandardCharsets.UTF_8)));
    String longApproval = new String(file(List.of(order("kommun-0114", 100, PaymentOrder.Kind.REQUISITION))),
        StandardCharsets.UTF_8).replaceAll("<Prtry>Attest [^<]*</Prtry>", "<Prtry>" + "x".repeat(129) + "</Prtry>");
    assertThrows(SAXException.class, () -> validate(longApproval.getBytes(StandardCharsets.UTF_8)),
        "the schema allows 128 characters there, as the file keeps to");
  }
}
