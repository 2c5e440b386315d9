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
    return s.http.get("/grants/" + GRANT + "/invoices", s.handlaggare).json();
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

  /** A handläggare proposes a recovery (återkrav). */
  Http.Response recover(String key, String recipient, long amount) {
    var body = Json.object().put("recipientId", recipient).put("amount", amount)
        .put("reason", "Medlen har inte använts i enlighet med syftet (beslut dnr 1.1-1234/2026).");
    return s.http.send("POST", "/grants/" + GRANT + "/recoveries", s.handlaggare, Json.write(body),
        key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  /** The attestant approves a proposal (its approve link). */
  Http.Response approve(Http.Response proposed) {
    assertEquals(201, proposed.status(), proposed.body());
    assertEquals("awaiting-attestation", proposed.json().path("proposal").path("state").asText());
    assertEquals(0, proposed.json().path("invoices").size(), "a proposal issues nothing");
    return s.http.post(proposed.json().path("proposal").path("links").path("approve").asText(), s.attestant, null);
  }

  /** A handläggare proposes a waiver (eftergift) of the invoice. */
  Http.Response waive(String number, String key, Long amount, String reason) {
    var body = Json.object().put("reason", reason);
    if (amount != null) {
      body.put("amount", amount);
    }
    return s.http.send("POST", "/invoices/" + number + "/waivers", s.handlaggare, Json.write(body),
        Map.of("Idempotency-Key", key));
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

    Http.Response pdf = invoice("2026000001", "application/pdf", s.handlaggare);
    assertEquals(200, pdf.status());
    assertEquals("application/pdf", pdf.header("Content-Type"));
    assertArrayEquals(pdf.bytes(), m.attachments().get(0).content(), "the mailed PDF is the stored PDF");
    String text = pdfText(pdf.bytes());
    for (String expected : List.of("FAKTURA", "Fakturanummer 2026000001", "Förfallodatum 2026-04-19",
        "OCR-nummer 202600000121", "Upplands Väsby", "Att betala 25 000 kr", "räntelagen (1975:635)")) {
      assertTrue(text.contains(expected), "PDF lacks " + expected + ":\n" + text);
    }
    Http.Response ubl = invoice("2026000001", "application/xml", s.handlaggare);
    assertEquals(200, ubl.status());
    assertTrue(ubl.body().contains("<cbc:ID>2026000001</cbc:ID>"), ubl.body());
    assertTrue(ubl.body().contains("<cbc:PayableAmount currencyID=\"SEK\">25000.00</cbc:PayableAmount>"));
    assertTrue(ubl.body().contains("<cbc:PaymentID>202600000121</cbc:PaymentID>"));
    assertEquals(406, invoice("2026000001", "text/html", s.handlaggare).status());
    assertEquals("2026000001", invoice("2026000001", null, s.handlaggare).json().path("number").asText());

    // the debtor's own ombud may read it; another municipality may not; nobody without a token
    assertEquals(200, invoice("2026000001", "application/pdf", s.ombud(s.orgnr("kommun-0114"))).status());
    assertEquals(403, invoice("2026000001", null, s.ombud(s.orgnr("kommun-0115"))).status());
    assertEquals(401, invoice("2026000001", null, null).status());
    assertEquals(404, invoice("2026000099", null, s.handlaggare).status());

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
        .key(Items.key("COUNTER#INVOICE", "YEAR#" + year + "#SERIES#0")).consistentRead(true)).item();
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

    Http.Response all = approve(recover("k1", "region-18", received));
    assertEquals(201, all.status(), all.body());
    String number = all.json().path("invoices").get(0).path("number").asText();
    assertEquals("recovery", all.json().path("invoices").get(0).path("reason").asText());
    assertEquals("approved", all.json().path("proposal").path("state").asText());
    Http.Response again = recover("k1", "region-18", received);
    assertEquals(200, again.status());
    assertEquals(number, again.json().path("invoices").get(0).path("number").asText(), "a retry returns the first invoice");
    assertEquals(422, recover("k1", "region-18", received - 1).status(), "the key was used for another decision");
    assertEquals(422, recover("k2", "region-18", 1).status(), "nothing is left to reclaim");

    Http.Response waiver = approve(waive(number, "w1", 1000L, "Kostnader för december godtas."));
    assertEquals(201, waiver.status(), waiver.body());
    JsonNode note = waiver.json().path("invoices").get(0);
    assertEquals("credit-note", note.path("type").asText());
    assertEquals(number, note.path("credits").asText());
    assertEquals(received - 1000, s.http.get("/invoices/" + number, s.handlaggare).json().path("outstanding").asLong());
    assertEquals("partly-credited", s.http.get("/invoices/" + number, s.handlaggare).json().path("status").asText());
    assertEquals(422, waive(number, "w2", received, "x").status());
    assertEquals(409, waive(note.path("number").asText(), "w3", null, "x").status(), "a credit note is not waived");
    assertEquals(201, approve(recover("k3", "region-18", 1000)).status(), "the waived 1 000 kr may be reclaimed again");
    assertEquals(received, invoices().path("totals").path("net").asLong());
    assertEquals(1, s.audit("invoice/" + note.path("number").asText()).size(), "the waiver is audited");
    assertEquals("credit-note.issued", s.audit("invoice/" + note.path("number").asText()).get(0).get("action").s());
  }

  @Test
  void twentyConcurrentApprovalsTakeTwentyConsecutiveNumbers() throws Exception {
    List<String> recipients = ReportingSteps.PAID;
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Http.Response> proposed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      proposed.add(recover("c" + i, recipients.get(i % recipients.size()), 100 + i));
    }
    List<Future<Http.Response>> calls = new ArrayList<>();
    for (Http.Response p : proposed) {
      calls.add(pool.submit(() -> approve(p)));
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
  void theProposerCannotApproveTheirOwnRecoveryOrWaiverAndARejectionIssuesNothing() {
    String chef = s.runtime.jwt().mintAgency("chef-1", Scenario.AGENCY, List.of("handlaggare", "attestant"), "Chef",
        Duration.ofHours(1));
    var body = Json.object().put("recipientId", "region-18").put("amount", 5000).put("reason", "Dubbelfinansiering.");
    Http.Response own = s.http.send("POST", "/grants/" + GRANT + "/recoveries", chef, Json.write(body),
        Map.of("Idempotency-Key", "own-1"));
    assertEquals(201, own.status(), own.body());
    String approveLink = own.json().path("proposal").path("links").path("approve").asText();
    String rejectLink = own.json().path("proposal").path("links").path("reject").asText();
    var before = s.snapshot();
    assertEquals(403, s.http.post(approveLink, chef, null).status(), "not their own");
    assertEquals(403, s.http.send("POST", rejectLink, chef, "{\"reason\": \"x\"}", Map.of()).status());
    assertEquals(403, s.http.post(approveLink, s.handlaggare, null).status(), "a handläggare does not attest");
    Scenario.assertUnchanged(before, s.snapshot(), "refused decisions");
    Http.Response approved = s.http.post(approveLink, s.attestant, null);
    assertEquals(201, approved.status(), approved.body());
    String number = approved.json().path("invoices").get(0).path("number").asText();
    assertEquals(5000, approved.json().path("invoices").get(0).path("amount").asLong());

    Http.Response waiver = s.http.send("POST", "/invoices/" + number + "/waivers", chef,
        Json.write(Json.object().put("reason", "Beslutet överklagades.")), Map.of("Idempotency-Key", "own-2"));
    assertEquals(201, waiver.status(), waiver.body());
    assertEquals(5000, waiver.json().path("proposal").path("amount").asLong(), "all that is outstanding, fixed now");
    String waiverApprove = waiver.json().path("proposal").path("links").path("approve").asText();
    assertEquals(403, s.http.post(waiverApprove, chef, null).status());
    Http.Response rejected = s.http.send("POST", waiver.json().path("proposal").path("links").path("reject").asText(),
        s.attestant, Json.write(Json.object().put("reason", "Ingen grund för eftergift.")), Map.of());
    assertEquals(200, rejected.status(), rejected.body());
    assertEquals("rejected", rejected.json().path("proposal").path("state").asText());
    assertEquals(409, s.http.post(waiverApprove, s.attestant, null).status(), "a rejected proposal is not approved");
    assertEquals(1, invoices().path("invoices").size(), "the rejected waiver issued nothing");
    assertEquals(5000, invoices().path("totals").path("outstanding").asLong());
    String waiverId = waiver.json().path("proposal").path("proposalId").asText();
    assertEquals(List.of("waiver.proposed", "waiver.rejected"), s.audit("waiver/" + GRANT + "/" + waiverId).stream()
        .map(i -> i.get("action").s()).toList());
    String recoveryId = own.json().path("proposal").path("proposalId").asText();
    assertEquals(List.of("recovery.proposed", "recovery.approved"), s.audit("recovery/" + GRANT + "/" + recoveryId)
        .stream().map(i -> i.get("action").s()).toList());
  }

  @Test
  void aLostQueueMessageIsInvoicedByTheDailyRunAndNonReportersAreListedNotInvoiced() {
    long received = steps.received("region-18");
    Http.Response r = steps.submit(tokens.get("region-18"), ReportingSteps.report("region-18", received - 7, 7));
    assertEquals(201, r.status(), r.body());
    s.runtime.platform().sqs().purgeQueue(p -> p.queueUrl(s.runtime.queueUrl("InvoicingQueue"))); // the event is lost
    reportUnspent("kommun-0115", 0);
    assertEquals(0, invoices().path("invoices").size());

    JsonNode before = s.http.get("/grants/" + GRANT + "/non-reporters", s.handlaggare).json();
    assertFalse(before.path("listed").asBoolean());

    var fired = s.runtime.setClock(Instant.parse("2026-04-01T05:30:00Z")); // 07:30 Stockholm, the day after the deadline
    assertTrue(fired.stream().anyMatch(f -> f.schedule().equals("InvoicingJobFunction.Daily") && f.succeeded()),
        fired.toString());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    JsonNode list = invoices();
    assertEquals(1, list.path("invoices").size(), "the daily run invoiced the report whose event was lost");
    assertEquals(7, list.path("invoices").get(0).path("amount").asLong());

    JsonNode non = s.http.get("/grants/" + GRANT + "/non-reporters", s.handlaggare).json();
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
