package se.bidrag.integration.invoicing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.local.Mailbox;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportingSteps;

/** Repayment invoicing on the local stack: from reports, by decision, waived, numbered under contention, e-mailed once. */
@ExtendWith(LocalStackExtension.class)
class InvoicingIT {
  static final Instant REPORTED = Instant.parse("2026-03-20T09:00:00Z");
  static final String GRANT = Scenario.GRANT;
  ReportingSteps steps;
  Scenario s;
  Map<String, String> tokens;

  @BeforeEach
  void paidAndLinksSent(LocalRuntime runtime) {
    steps = new ReportingSteps(runtime);
    s = steps.s;
    tokens = steps.dispatch();
    s.runtime.emulators().mailbox().clear();
    s.runtime.clock().set(REPORTED);
  }

  /** Reports {@code unspent} kr unspent for the recipient (the rest used), and lets the queues run. */
  void reportUnspent(String recipient, long unspent) {
    long received = steps.received(recipient);
    Http.Response r = steps.submit(tokens.get(recipient), ReportingSteps.report(recipient, received - unspent, unspent));
    assertTrue(r.status() == 201 || r.status() == 200, r.body());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
  }

  JsonNode invoices() {
    return s.http.get("/grants/" + GRANT + "/invoices", s.admin).json();
  }

  /** The mail the invoicing sent (the reports' receipts left out). */
  List<Mailbox.Mail> invoiceMails() {
    return s.runtime.emulators().mailbox().all().stream().filter(m -> !m.subject().startsWith("Kvittens")).toList();
  }

  Http.Response invoice(String number, String accept, String token) {
    return s.http.send("GET", "/invoices/" + number, token, null, accept == null ? Map.of() : Map.of("Accept", accept));
  }

  static String pdfText(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc).replaceAll("[ \\u00a0]+", " ");
    }
  }

  Http.Response recover(String key, String recipient, long amount) {
    var body = Json.object().put("recipientId", recipient).put("amount", amount)
        .put("reason", "Medlen har inte använts i enlighet med syftet (beslut dnr 1.1-1234/2026).");
    return s.http.send("POST", "/grants/" + GRANT + "/recoveries", s.admin, Json.write(body),
        key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  @Test
  void aReportWithUnspentMoneyGetsOneInvoiceEmailedOnceAsPdfAndPeppolUbl() throws IOException {
    reportUnspent("kommun-0114", 25_000);

    JsonNode list = invoices();
    assertEquals(1, list.path("invoices").size(), list.toString());
    JsonNode inv = list.path("invoices").get(0);
    assertEquals("2026000001", inv.path("number").asText());
    assertEquals("invoice", inv.path("type").asText());
    assertEquals(25_000, inv.path("amount").asLong());
    assertEquals("2026-03-20", inv.path("issueDate").asText());
    assertEquals("2026-04-19", inv.path("dueDate").asText(), "30 days");
    assertEquals("202600000121", inv.path("ocr").asText());
    assertEquals("Upplands Väsby", inv.path("debtor").path("name").asText());
    assertEquals(s.orgnr("kommun-0114"), inv.path("debtor").path("orgnr").asText());
    assertEquals("unspent", inv.path("reason").asText());
    assertEquals("open", inv.path("status").asText());
    assertEquals(25_000, list.path("totals").path("outstanding").asLong());

    List<Mailbox.Mail> mail = invoiceMails();
    assertEquals(1, mail.size(), "one e-mail");
    Mailbox.Mail m = mail.get(0);
    assertEquals(List.of(ReportingSteps.registry("kommun-0114")), m.to());
    assertTrue(m.subject().startsWith("Faktura 2026000001 – Statsbidrag för utveckling"), m.subject());
    assertTrue(m.text().contains("till bankgiro 5050-1055"), m.text());
    assertEquals(1, m.attachments().size());
    assertEquals("faktura-2026000001.pdf", m.attachments().get(0).filename());

    Http.Response pdf = invoice("2026000001", "application/pdf", s.admin);
    assertEquals(200, pdf.status());
    assertEquals("application/pdf", pdf.header("Content-Type"));
    assertArrayEquals(pdf.bytes(), m.attachments().get(0).content(), "the mailed PDF is the stored PDF");
    String text = pdfText(pdf.bytes());
    for (String expected : List.of("FAKTURA", "Fakturanummer 2026000001", "Förfallodatum 2026-04-19",
        "OCR-nummer 202600000121", "Upplands Väsby", "Att betala 25 000 kr", "räntelagen (1975:635)")) {
      assertTrue(text.contains(expected), "PDF lacks " + expected + ":\n" + text);
    }
    Http.Response ubl = invoice("2026000001", "application/xml", s.admin);
    assertEquals(200, ubl.status());
    assertTrue(ubl.body().contains("<cbc:ID>2026000001</cbc:ID>"), ubl.body());
    assertTrue(ubl.body().contains("<cbc:PayableAmount currencyID=\"SEK\">25000.00</cbc:PayableAmount>"));
    assertTrue(ubl.body().contains("<cbc:PaymentID>202600000121</cbc:PaymentID>"));
    assertEquals(406, invoice("2026000001", "text/html", s.admin).status());
    assertEquals("2026000001", invoice("2026000001", null, s.admin).json().path("number").asText());

    // the debtor's own ombud may read it; another municipality may not; nobody without a token
    assertEquals(200, invoice("2026000001", "application/pdf", s.ombud(s.orgnr("kommun-0114"))).status());
    assertEquals(403, invoice("2026000001", null, s.ombud(s.orgnr("kommun-0115"))).status());
    assertEquals(401, invoice("2026000001", null, null).status());
    assertEquals(404, invoice("2026000099", null, s.admin).status());

    var audit = s.audit("invoice/2026000001");
    assertEquals(1, audit.size());
    assertEquals("invoice.issued", audit.get(0).get("action").s());

    // retries: the same message again, the daily run, the report re-sent unchanged: still one invoice, one e-mail
    var sqs = s.runtime.platform().sqs();
    String event = Json.write(Json.object().put("type", "report").put("grantId", GRANT)
        .put("recipientId", "kommun-0114").put("version", 1));
    sqs.sendMessage(x -> x.queueUrl(s.runtime.queueUrl("InvoicingQueue")).messageBody(event));
    sqs.sendMessage(x -> x.queueUrl(s.runtime.queueUrl("InvoicingQueue")).messageBody(event));
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<?, ?> daily = (Map<?, ?>) s.runtime.function("InvoicingJobFunction").invoke(Map.of("grantId", GRANT));
    assertEquals(0, daily.get("reportsInvoiced"), daily.toString());
    reportUnspent("kommun-0114", 25_000);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(1, invoices().path("invoices").size());
    assertEquals(1, invoiceMails().size(), "still one e-mail");
    assertEquals(1, counter(2026));
  }

  long counter(int year) {
    Map<String, AttributeValue> item = s.runtime.platform().dynamoDb().getItem(g -> g.tableName(s.runtime.table("BidragTable"))
        .key(Items.key("COUNTER#INVOICE", "YEAR#" + year)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? 0 : Items.num(item, "last");
  }

  @Test
  void aCorrectedReportCreditsTheEarlierInvoiceAndClaimsTheNewAmount() {
    reportUnspent("kommun-0114", 25_000);
    reportUnspent("kommun-0114", 30_000);
    JsonNode list = invoices();
    assertEquals(3, list.path("invoices").size(), list.toString());
    JsonNode first = list.path("invoices").get(0);
    JsonNode credit = list.path("invoices").get(1);
    JsonNode second = list.path("invoices").get(2);
    assertEquals("credited", first.path("status").asText());
    assertEquals("credit-note", credit.path("type").asText());
    assertEquals("2026000001", credit.path("credits").asText());
    assertEquals(25_000, credit.path("amount").asLong());
    assertEquals("correction", credit.path("reason").asText());
    assertEquals(30_000, second.path("amount").asLong());
    assertEquals(30_000, list.path("totals").path("net").asLong());
    assertEquals(30_000, list.path("totals").path("outstanding").asLong());

    reportUnspent("kommun-0114", 0); // everything was used after all
    list = invoices();
    assertEquals(4, list.path("invoices").size());
    assertEquals(0, list.path("totals").path("net").asLong());
    assertEquals(0, list.path("totals").path("outstanding").asLong());
    assertEquals(4, invoiceMails().size(), "every invoice and credit note is e-mailed once");
    assertTrue(invoiceMails().stream().anyMatch(m -> m.subject().startsWith("Kreditfaktura 2026000002")));
  }

  @Test
  void recoveriesAreCappedAtWhatWasReceivedLessWhatIsInvoicedAndWaiversCreditThem() {
    long received = steps.received("region-18");
    var before = s.snapshot();
    assertEquals(400, recover(null, "region-18", 1000).status(), "an Idempotency-Key is required");
    Http.Response tooMuch = recover("k0", "region-18", received + 1);
    assertEquals(422, tooMuch.status());
    assertEquals("amount", tooMuch.json().path("errors").get(0).path("field").asText());
    assertTrue(tooMuch.json().path("detail").asText().contains("at most " + received + " kr"), tooMuch.body());
    assertEquals(422, recover("k0", "kommun-9999", 1).status(), "no such recipient");
    assertEquals(403, s.http.send("POST", "/grants/" + GRANT + "/recoveries", s.ombud(s.orgnr("region-18")),
        "{}", Map.of("Idempotency-Key", "k0")).status());
    Scenario.assertUnchanged(before, s.snapshot(), "refused recoveries");

    Http.Response all = recover("k1", "region-18", received);
    assertEquals(201, all.status(), all.body());
    String number = all.json().path("invoices").get(0).path("number").asText();
    assertEquals("recovery", all.json().path("invoices").get(0).path("reason").asText());
    Http.Response again = recover("k1", "region-18", received);
    assertEquals(200, again.status());
    assertEquals(number, again.json().path("invoices").get(0).path("number").asText(), "a retry returns the first invoice");
    assertEquals(422, recover("k1", "region-18", received - 1).status(), "the key was used for another decision");
    assertEquals(422, recover("k2", "region-18", 1).status(), "nothing is left to reclaim");

    Http.Response waiver = s.http.send("POST", "/invoices/" + number + "/waivers", s.admin,
        Json.write(Json.object().put("amount", 1000).put("reason", "Kostnader för december godtas.")),
        Map.of("Idempotency-Key", "w1"));
    assertEquals(201, waiver.status(), waiver.body());
    JsonNode note = waiver.json().path("invoices").get(0);
    assertEquals("credit-note", note.path("type").asText());
    assertEquals(number, note.path("credits").asText());
    assertEquals(received - 1000, s.http.get("/invoices/" + number, s.admin).json().path("outstanding").asLong());
    assertEquals("partly-credited", s.http.get("/invoices/" + number, s.admin).json().path("status").asText());
    assertEquals(422, s.http.send("POST", "/invoices/" + number + "/waivers", s.admin,
        Json.write(Json.object().put("amount", received).put("reason", "x")), Map.of("Idempotency-Key", "w2")).status());
    assertEquals(409, s.http.send("POST", "/invoices/" + note.path("number").asText() + "/waivers", s.admin,
        Json.write(Json.object().put("reason", "x")), Map.of("Idempotency-Key", "w3")).status(), "a credit note is not waived");
    assertEquals(201, recover("k3", "region-18", 1000).status(), "the waived 1 000 kr may be reclaimed again");
    assertEquals(received, invoices().path("totals").path("net").asLong());
    assertEquals(1, s.audit("invoice/" + note.path("number").asText()).size(), "the waiver is audited");
    assertEquals("credit-note.issued", s.audit("invoice/" + note.path("number").asText()).get(0).get("action").s());
  }

  @Test
  void twentyConcurrentCreationsTakeTwentyConsecutiveNumbers() throws Exception {
    List<String> recipients = ReportingSteps.PAID;
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Http.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      int n = i;
      calls.add(pool.submit(() -> recover("c" + n, recipients.get(n % recipients.size()), 100 + n)));
    }
    TreeSet<String> numbers = new TreeSet<>();
    long total = 0;
    for (Future<Http.Response> f : calls) {
      Http.Response r = f.get();
      assertEquals(201, r.status(), r.body());
      numbers.add(r.json().path("invoices").get(0).path("number").asText());
      total += r.json().path("invoices").get(0).path("amount").asLong();
    }
    pool.shutdown();
    TreeSet<String> expected = new TreeSet<>();
    for (int i = 1; i <= 20; i++) {
      expected.add(String.format("2026%06d", i));
    }
    assertEquals(expected, numbers, "no gaps, no duplicates");
    assertEquals(20, counter(2026));
    assertEquals(20 * 100 + 190, total);
    assertEquals(total, invoices().path("totals").path("net").asLong());
    s.runtime.deliverQueues(Duration.ofSeconds(60));
    assertEquals(20, invoiceMails().size());
  }

  @Test
  void aLostQueueMessageIsInvoicedByTheDailyRunAndNonReportersAreListedNotInvoiced() {
    long received = steps.received("region-18");
    Http.Response r = steps.submit(tokens.get("region-18"), ReportingSteps.report("region-18", received - 7, 7));
    assertEquals(201, r.status(), r.body());
    s.runtime.platform().sqs().purgeQueue(p -> p.queueUrl(s.runtime.queueUrl("InvoicingQueue"))); // the event is lost
    reportUnspent("kommun-0115", 0);
    assertEquals(0, invoices().path("invoices").size());

    JsonNode before = s.http.get("/grants/" + GRANT + "/non-reporters", s.admin).json();
    assertFalse(before.path("listed").asBoolean());

    var fired = s.runtime.setClock(Instant.parse("2026-04-01T05:30:00Z")); // 07:30 Stockholm, the day after the deadline
    assertTrue(fired.stream().anyMatch(f -> f.schedule().equals("InvoicingJobFunction.Daily") && f.succeeded()),
        fired.toString());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    JsonNode list = invoices();
    assertEquals(1, list.path("invoices").size(), "the daily run invoiced the report whose event was lost");
    assertEquals(7, list.path("invoices").get(0).path("amount").asLong());

    JsonNode non = s.http.get("/grants/" + GRANT + "/non-reporters", s.admin).json();
    assertTrue(non.path("listed").asBoolean());
    TreeSet<String> listed = new TreeSet<>();
    non.path("recipients").forEach(e -> listed.add(e.path("recipientId").asText()));
    assertEquals(new TreeSet<>(List.of("kommun-0114", "kommun-1863", "region-09", "kommun-0980")), listed);
    long sum = 0;
    for (String id : listed) {
      sum += steps.received(id);
    }
    assertEquals(sum, non.path("totals").path("received").asLong());
    assertEquals(403, s.http.get("/grants/" + GRANT + "/non-reporters", s.ombud(s.orgnr("region-18"))).status());
  }
}
