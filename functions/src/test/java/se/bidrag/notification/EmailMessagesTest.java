package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.invoicing.Creditor;
import se.bidrag.invoicing.Invoice;
import se.bidrag.invoicing.InvoiceNumber;
import se.bidrag.invoicing.InvoicePdf;
import se.bidrag.redistribution.Redistribution;
import se.bidrag.reporting.Rounds;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SendRawEmailRequest;
import software.amazon.awssdk.services.ses.model.SendRawEmailResponse;

/**
 * Every kind of e-mail Bidrag sends, built by the code that builds it in production (the letters of
 * reporting, redistribution and invoicing), sent through EmailSender and SesMailer to an SES client
 * that keeps the request, and the raw message read back by mime4j: what a reader sees must be what
 * was meant, with the real (long, Swedish) subjects and a sender whose display name has å/ä/ö.
 */
class EmailMessagesTest {
  static final String FROM_NAME = "Socialstyrelsen – enheten för statsbidrag till hälso- och sjukvården";
  static final String FROM = FROM_NAME + " <statsbidrag@socialstyrelsen.se>";
  static GrantDefinition grant;

  @BeforeAll
  static void grant() {
    grant = GrantCatalog.bundled().require("god-och-nara-vard-2025");
  }

  /** The SES API as far as the sender uses it: SendRawEmail, answered with a message id. */
  static final class CapturingSes implements SesClient {
    final List<SendRawEmailRequest> requests = new ArrayList<>();

    @Override
    public SendRawEmailResponse sendRawEmail(SendRawEmailRequest request) {
      requests.add(request);
      return SendRawEmailResponse.builder().messageId("ses-" + requests.size()).build();
    }

    @Override
    public String serviceName() {
      return "ses";
    }

    @Override
    public void close() {}
  }

  /** Sends the job as production does and returns the request SES got. */
  static SendRawEmailRequest send(EmailJob job) {
    CapturingSes ses = new CapturingSes();
    long[] t = {0};
    EmailSender sender = new EmailSender(new MemoryLedger(), new SesMailer(ses, "bidrag-events"),
        new SendRate(14, () -> t[0] += 1_000_000_000L, n -> {}), FROM,
        java.time.Clock.fixed(Instant.parse("2026-02-02T06:00:00Z"), ZoneOffset.UTC));
    assertEquals(EmailSender.Result.SENT, sender.send(job));
    assertEquals(1, ses.requests.size());
    SendRawEmailRequest r = ses.requests.get(0);
    assertEquals("bidrag-events", r.configurationSetName());
    return r;
  }

  /** Sends the job and checks what a reader sees against the job; returns what was read back. */
  static ReadBack sendAndReadBack(EmailJob job, String toName, String toAddress) {
    SendRawEmailRequest request = send(job);
    byte[] raw = request.rawMessage().data().asByteArray();
    ReadBack.assertWellFormed(raw);
    ReadBack mail = ReadBack.parse(raw);
    assertEquals(job.subject(), mail.subject());
    assertEquals(List.of(new ReadBack.Person(FROM_NAME, "statsbidrag@socialstyrelsen.se")), mail.from());
    assertEquals(List.of(new ReadBack.Person(toName, toAddress)), mail.to());
    assertEquals(canonical(job.text()), mail.text());
    assertEquals(job.html() == null ? null : canonical(job.html()), mail.html());
    assertEquals(job.attachments().size(), mail.attachments().size());
    for (int i = 0; i < job.attachments().size(); i++) {
      EmailJob.Attachment a = job.attachments().get(i);
      ReadBack.Attachment got = mail.attachments().get(i);
      assertEquals(a.filename(), got.filename());
      assertEquals(MimeHeaders.asciiFallback(a.filename()), got.typeName(), "Content-Type's name: the ASCII fallback");
      assertEquals(a.contentType(), got.mimeType());
      assertArrayEquals(a.content(), got.content());
    }
    // the SES envelope: the sender's display name encoded like the header's, the recipient's bare address
    assertEquals(List.of(toAddress), request.destinations());
    assertTrue(request.source().endsWith(" <statsbidrag@socialstyrelsen.se>"), request.source());
    assertTrue(request.source().chars().allMatch(c -> c >= 0x20 && c < 0x7f), request.source());
    return mail;
  }

  /** Text in the canonical form of MIME text: line breaks as CRLF. */
  static String canonical(String text) {
    return text.replace("\n", "\r\n");
  }

  private static Object invoke(String type, String method, Class<?>[] types, Object... args) {
    try {
      Method m = Class.forName(type).getDeclaredMethod(method, types);
      m.setAccessible(true);
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("the letter builder " + type + "." + method + " changed", e);
    }
  }

  /** reporting.Letters.letter: the link (round 0) or a reminder. */
  static EmailJob reportingLetter(Rounds.Round round, String recipientId, String name, String to, long received) {
    GrantDefinition.Reporting rep = grant.reporting();
    return (EmailJob) invoke("se.bidrag.reporting.Letters", "letter",
        new Class<?>[] {GrantDefinition.class, Rounds.Round.class, String.class, String.class, String.class, long.class,
            String.class, LocalDate.class},
        grant, round, recipientId, name, to, received,
        "https://bidrag.socialstyrelsen.se/rapport/#eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrb21tdW4tMDExNCJ9.c2lnbmF0dXI",
        rep.deadline().plusDays(rep.linkGraceDays()));
  }

  @Test
  void theReceiptOfAReportAndANewLink() {
    var recipient = new se.bidrag.reporting.Received.Recipient("kommun-1880", "Örebro kommun", "2120001777", 1_000_000L,
        "registrator@orebro.se", new java.util.TreeSet<>(List.of(1, 3)), 900_000L, 100_000L);
    var report = new se.bidrag.reporting.Report(grant.id(), "kommun-1880", "Örebro kommun", 2, 1_000_000L,
        new java.util.TreeMap<>(java.util.Map.of(1, 700_000L, 3, 250_000L)), 50_000L, "Fast läkarkontakt.\nTvå rader.",
        "Åsa Öberg", "asa.oberg@orebro.se", java.time.Instant.parse("2026-03-20T09:15:00Z"), false, true);
    EmailJob receipt = (EmailJob) invoke("se.bidrag.reporting.Letters", "receipt",
        new Class<?>[] {GrantDefinition.class, se.bidrag.reporting.Received.Recipient.class, se.bidrag.reporting.Report.class,
            String.class, String.class}, grant, recipient, report, "asa.oberg@orebro.se", "reporter");
    ReadBack mail = sendAndReadBack(receipt, null, "asa.oberg@orebro.se");
    assertTrue(mail.subject().startsWith("Kvittens AR-" + grant.id() + "-kommun-1880-v2"), mail.subject());
    for (String expected : List.of("Referens: AR-" + grant.id() + "-kommun-1880-v2", "20 mars 2026 kl. 10.15",
        "ersätter den tidigare återrapporten", "Använt totalt: 950\u00a0000 kr", "Ej förbrukade medel: 50\u00a0000 kr",
        "Särredovisat: ja", "Fast läkarkontakt.", "faktura till registraturen inom ungefär " + grant.invoicing().invoiceWithinDays()
            + " dagar")) {
      assertTrue(mail.text().contains(expected), expected + " in " + mail.text());
    }
    EmailJob link = (EmailJob) invoke("se.bidrag.reporting.Letters", "newLink",
        new Class<?>[] {GrantDefinition.class, se.bidrag.reporting.Received.Recipient.class, String.class, LocalDate.class,
            boolean.class, long.class}, grant, recipient, "https://bidrag.socialstyrelsen.se/rapport/#abc.def.ghi",
        LocalDate.parse("2026-05-30"), true, 3L);
    ReadBack linkMail = sendAndReadBack(link, null, "registrator@orebro.se");
    assertTrue(linkMail.text().contains("spärrat den tidigare länken"), linkMail.text());
    assertTrue(linkMail.text().contains("gäller till och med 30 maj 2026"), linkMail.text());
    assertTrue(linkMail.html().contains("<a href=\"https://bidrag.socialstyrelsen.se/rapport/#abc.def.ghi\">"), linkMail.html());
  }

  @Test
  void theReportingLinkAndEveryReminder() {
    List<Rounds.Round> rounds = Rounds.of(grant.reporting());
    assertTrue(rounds.size() >= 2, "a link and at least one reminder");
    for (Rounds.Round round : rounds) {
      EmailJob job = reportingLetter(round, "kommun-1880", "Örebro kommun", "registrator@orebro.se", 12_345_678L);
      assertTrue(MimeHeaders.encodedWord(job.subject()).length() > MimeHeaders.MAX_WORD,
          "a subject longer than one encoded word holds: " + job.subject());
      ReadBack mail = sendAndReadBack(job, null, "registrator@orebro.se");
      assertTrue(mail.text().contains("Örebro kommun tog emot 12\u00a0345\u00a0678 kronor"), mail.text());
      assertTrue(mail.html().contains("<a href=\"https://bidrag.socialstyrelsen.se/rapport/#eyJ"), mail.html());
      assertTrue(mail.text().contains("senast 31 mars 2026"), mail.text());
      assertTrue(mail.text().contains("ej förbrukade medel"), mail.text());
      assertEquals(round.reminder(), mail.subject().startsWith("Påminnelse: återrapportering av Statsbidrag"));
    }
  }

  @Test
  void theRedistributionNotice() {
    Redistribution.RecipientShare share = new Redistribution.RecipientShare("region-18", "2321000164", "Region Örebro län",
        "region", List.of(
            new Redistribution.Extra("region-population", BigInteger.valueOf(304_805), BigInteger.valueOf(10_551_707),
                "304805/10551707", "7109384.9", true, 7_109_385L),
            new Redistribution.Extra("region-rural", BigInteger.valueOf(41_000), BigInteger.valueOf(612_000), "41/612",
                "401960.7", true, 401_961L)),
        7_511_346L);
    EmailJob job = (EmailJob) invoke("se.bidrag.redistribution.Notices", "redistribution",
        new Class<?>[] {GrantDefinition.class, Redistribution.RecipientShare.class, String.class, long.class},
        grant, share, "registrator@regionorebrolan.se", 104_999_000L);
    ReadBack mail = sendAndReadBack(job, null, "registrator@regionorebrolan.se");
    assertEquals("Omfördelade medel: Statsbidrag för utveckling av en god och nära vård 2025", mail.subject());
    assertTrue(mail.text().contains("Region Örebro län har fått 7\u00a0511\u00a0346 kronor utöver de 104\u00a0999\u00a0000"),
        mail.text());
    assertTrue(mail.attachments().isEmpty());
  }

  static Invoice invoice(Invoice.Type type, long amount) {
    boolean credit = type == Invoice.Type.CREDIT_NOTE;
    String number = InvoiceNumber.of(2026, credit ? 2 : 1);
    return new Invoice(number, type, grant.id(), grant.title(), "region-18",
        new Invoice.Debtor("Region Örebro län", "2321000164", "registrator@regionorebrolan.se"),
        credit ? Invoice.Reason.WAIVER : Invoice.Reason.UNSPENT,
        credit ? "Eftergift enligt beslut 2026-05-04: kostnaderna avsåg bidragsåret."
            : "Återbetalning av ej förbrukade medel enligt återrapport version 1, lämnad 2026-03-20.",
        amount, LocalDate.of(2026, 3, 20), credit ? null : LocalDate.of(2026, 4, 19),
        credit ? null : InvoiceNumber.ocr(number), "Anna Åkesson", credit ? InvoiceNumber.of(2026, 1) : null,
        credit ? "waiver:2026000001:k1" : "report:region-18:v1", Instant.parse("2026-03-20T09:00:00Z"));
  }

  /** invoicing.InvoiceLetters.letter, with the invoice's real PDF. */
  static EmailJob invoiceLetter(Invoice inv) {
    Creditor creditor = Creditor.of(grant.agency(), "5050-1055");
    return (EmailJob) invoke("se.bidrag.invoicing.InvoiceLetters", "letter",
        new Class<?>[] {Invoice.class, Creditor.class, byte[].class}, inv, creditor, InvoicePdf.render(inv, creditor));
  }

  @Test
  void theInvoiceAndTheCreditNoteWithTheirPdf() {
    for (Invoice inv : List.of(invoice(Invoice.Type.INVOICE, 1_250_000L), invoice(Invoice.Type.CREDIT_NOTE, 25_000L))) {
      EmailJob job = invoiceLetter(inv);
      assertTrue(job.subject().length() > MimeHeaders.MAX_WORD, job.subject());
      ReadBack mail = sendAndReadBack(job, null, "registrator@regionorebrolan.se");
      assertEquals(inv.type().swedish() + " " + inv.number() + " – Statsbidrag för utveckling av en god och nära vård 2025",
          mail.subject());
      assertEquals(1, mail.attachments().size());
      byte[] pdf = mail.attachments().get(0).content();
      assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII));
      assertTrue(mail.text().contains("Region Örebro län"), mail.text());
    }
  }

  /**
   * The invoice letter to a named recipient ("Name <address>") with a Swedish file name: the name in
   * To and the file name (RFC 2231, with an ASCII fallback) read back exactly.
   */
  @Test
  void aNamedRecipientAndASwedishFileName() {
    EmailJob letter = invoiceLetter(invoice(Invoice.Type.INVOICE, 1_250_000L));
    EmailJob.Attachment pdf = letter.attachments().get(0);
    EmailJob job = new EmailJob(letter.jobId(), "\"Region Örebro län, registraturen\" <registrator@regionorebrolan.se>",
        letter.subject(), letter.text(), letter.html(),
        List.of(new EmailJob.Attachment("Faktura 2026000001 – återbetalning av ej förbrukade medel, Region Örebro län.pdf",
            pdf.contentType(), pdf.content())), letter.tags());
    sendAndReadBack(job, "Region Örebro län, registraturen", "registrator@regionorebrolan.se");
    byte[] raw = send(job).rawMessage().data().asByteArray();
    String fallback = ReadBack.lines(raw).stream().filter(l -> l.contains(" filename=\"")).findFirst().orElseThrow();
    assertEquals(" filename=\"Faktura 2026000001 _ aterbetalning av ej forbrukade medel, Region Orebro lan.pdf\";", fallback);
  }

  /** A letter without HTML is a single text/plain part. */
  @Test
  void aTextOnlyLetter() {
    EmailJob job = new EmailJob("t:1", "registrator@example.se", "Återrapport mottagen", "Tack!\nVi har fått den.\n",
        null, List.of(), java.util.Map.of());
    ReadBack mail = sendAndReadBack(job, null, "registrator@example.se");
    assertNull(mail.html());
    assertEquals("Tack!\r\nVi har fått den.\r\n", mail.text());
  }

  /** SES takes ASCII local parts only: such an address fails for good, before anything is sent. */
  @Test
  void anUnsendableAddressIsAPermanentFailureNotAnUncertainOne() {
    CapturingSes ses = new CapturingSes();
    Mailer.Failure f = assertThrows(Mailer.Failure.class,
        () -> new SesMailer(ses, null).send(
            new EmailJob("j", "räksmörgås@example.se", "s", "t", null, List.of(), java.util.Map.of()), "a@x.se"));
    assertTrue(f.permanent());
    assertTrue(ses.requests.isEmpty());
  }
}
