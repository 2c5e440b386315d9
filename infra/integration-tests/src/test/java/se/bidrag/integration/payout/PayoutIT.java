package se.bidrag.integration.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.payout.PayoutService;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.integration.Scenario;

/**
 * Payouts on the local stack: one order per thing paid, one file per approved batch, nothing lost or
 * paid twice, also across crashes (of the run that proposes, and of the approval that releases).
 */
@ExtendWith(LocalStackExtension.class)
class PayoutIT {
  static final List<String> RECIPIENTS = List.of("kommun-0114", "kommun-0115", "kommun-1863", "region-18", "region-09",
      "kommun-0980");
  Scenario s;

  @BeforeEach
  void requisitions(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
    for (String r : RECIPIENTS) {
      s.requisition(r, s.allocation(r).path("total").asLong() - 1000, true);
      s.account(s.orgnr(r));
    }
  }

  Http.Response payout() {
    return s.http.post("/grants/" + Scenario.GRANT + "/payouts:run", s.handlaggare, null);
  }

  Http.Response approve(String batchId) {
    return s.http.post("/grants/" + Scenario.GRANT + "/payout-batches/" + batchId + "/approve", s.attestant, null);
  }

  JsonNode payments() {
    return s.http.get("/grants/" + Scenario.GRANT + "/payments", s.handlaggare).json();
  }

  /** Every payment file's transactions: end-to-end id → amount (kronor), failing on a duplicate. */
  Map<String, Long> filedTransactions() throws Exception {
    var validator = OfficialSchemas.pain001().newValidator();
    Map<String, Long> out = new HashMap<>();
    for (JsonNode f : s.http.get("/grants/" + Scenario.GRANT + "/payment-files", s.handlaggare).json().path("files")) {
      Http.Response file = s.http.get(f.path("href").asText(), s.handlaggare);
      assertEquals(200, file.status());
      validator.validate(new StreamSource(new ByteArrayInputStream(file.body().getBytes(StandardCharsets.UTF_8))));
      Matcher m = Pattern.compile("<EndToEndId>([^<]+)</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"SEK\">(\\d+)\\.00</InstdAmt>")
          .matcher(file.body());
      long sum = 0;
      int n = 0;
      while (m.find()) {
        Long previous = out.put(m.group(1), Long.parseLong(m.group(2)));
        assertEquals(null, previous, "order " + m.group(1) + " is in more than one file");
        sum += Long.parseLong(m.group(2));
        n++;
      }
      assertEquals(f.path("orders").asInt(), n);
      assertEquals(f.path("total").asLong(), sum);
      assertTrue(file.body().contains("<CtrlSum>" + sum + ".00</CtrlSum>"));
    }
    return out;
  }

  long requisitioned() {
    long sum = 0;
    for (String r : RECIPIENTS) {
      sum += s.allocation(r).path("total").asLong() - 1000;
    }
    return sum;
  }

  @Test
  void acceptedRequisitionsArePaidOnceInOneValidFileAndThenLocked() throws Exception {
    JsonNode run = payout().json();
    assertEquals(RECIPIENTS.size(), run.path("ordered").asInt());
    assertEquals(requisitioned(), run.path("total").asLong());
    assertEquals("awaiting-attestation", run.path("state").asText());
    String token = s.ombud(s.orgnr("kommun-0114"));
    JsonNode proposed = s.http.get(s.path("kommun-0114"), token).json();
    assertEquals("awaiting-attestation", proposed.path("status").asText(), "the municipality sees the state");
    assertEquals(409, s.put("kommun-0114", token, s.form(10, true), Map.of("If-Match", "\""
        + proposed.path("version").asLong() + "\"")).status(), "locked while it awaits attestation");
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(0, s.http.get("/grants/" + Scenario.GRANT + "/payment-files", s.handlaggare).json().path("files").size(),
        "nothing reaches the bank before an attestant approves");
    assertEquals(200, approve(run.path("runId").asText()).status());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Long> filed = filedTransactions();
    assertEquals(RECIPIENTS.size(), filed.size());
    assertEquals(requisitioned(), filed.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(RECIPIENTS.size(), payments().path("totals").path("filed").path("orders").asInt());

    // paid: locked
    JsonNode req = s.http.get(s.path("kommun-0114"), token).json();
    assertEquals("paid", req.path("status").asText());
    Http.Response amend = s.put("kommun-0114", token, s.form(10, true), Map.of("If-Match", "\"" + req.path("version").asLong() + "\""));
    assertEquals(409, amend.status());
    assertEquals("urn:bidrag:problem:requisition-paid", amend.json().path("type").asText());
    assertEquals(409, s.http.send("DELETE", s.path("kommun-0114"), token, null,
        Map.of("If-Match", "\"" + req.path("version").asLong() + "\"")).status());

    // a second run finds nothing to pay
    JsonNode second = payout().json();
    assertEquals(0, second.path("ordered").asInt());
  }

  @Test
  void thePaymentsComeAPageAtATimeEveryOrderOnceAndTheTotalsOnTheFirst() {
    payout();
    String route = "/grants/" + Scenario.GRANT + "/payments";
    JsonNode first = s.http.get(route + "?limit=4", s.handlaggare).json();
    assertEquals(4, first.path("count").asInt(), first.toString());
    assertEquals(RECIPIENTS.size(), first.path("totals").path("orders").asInt(), "the totals are of all the orders");
    assertTrue(first.path("withoutAccount").isArray());
    assertTrue(first.path("next").isTextual());
    JsonNode second = s.http.get(first.path("links").path("next").asText(), s.handlaggare).json();
    assertEquals(RECIPIENTS.size() - 4, second.path("count").asInt(), second.toString());
    assertTrue(second.path("next").isNull(), "the last page says so");
    assertTrue(second.path("totals").isMissingNode(), "later pages read only their orders");
    Set<String> ids = new HashSet<>();
    for (JsonNode page : List.of(first, second)) {
      page.path("orders").forEach(o -> assertTrue(ids.add(o.path("orderId").asText()), "once: " + o));
    }
    assertEquals(RECIPIENTS.size(), ids.size());
    // a page that ends exactly at the last order says so: no empty page after it
    JsonNode half = s.http.get(route + "?limit=" + RECIPIENTS.size() / 2, s.handlaggare).json();
    JsonNode rest = s.http.get(route + "?limit=" + RECIPIENTS.size() / 2 + "&cursor=" + half.path("next").asText(),
        s.handlaggare).json();
    assertEquals(RECIPIENTS.size() / 2, rest.path("count").asInt());
    assertTrue(rest.path("next").isNull(), rest.toString());
    assertEquals(RECIPIENTS.size(), payments().path("count").asInt(), "the default page (200) holds them all");
    for (String[] bad : new String[][] {{"limit=0", "limit"}, {"limit=1001", "limit"}, {"limit=ten", "limit"},
        {"cursor=bm90IGEgY3Vyc29y", "cursor"}, {"cursor=%25%25", "cursor"}}) {
      Http.Response r = s.http.get(route + "?" + bad[0], s.handlaggare);
      assertEquals(400, r.status(), bad[0] + ": " + r.body());
      assertEquals(bad[1], r.json().path("errors").path(0).path("field").asText(), r.body());
    }
  }

  @Test
  void redistributedSharesArePaidAfterTheRedistribution() throws Exception {
    approve(payout().json().path("runId").asText());
    s.runtime.clock().set(Instant.parse("2025-04-18T00:00:00Z"));
    assertEquals(201, s.http.post("/grants/" + Scenario.GRANT + "/redistribution:run", s.handlaggare, null).status());
    JsonNode run = payout().json();
    assertEquals(200, approve(run.path("runId").asText()).status());
    JsonNode decision = s.http.get("/grants/" + Scenario.GRANT + "/redistribution", s.handlaggare).json();
    long shares = 0;
    int withShare = 0;
    for (JsonNode share : decision.path("shares")) {
      shares += share.path("total").asLong();
      withShare += share.path("total").asLong() > 0 ? 1 : 0;
    }
    assertEquals(withShare, run.path("ordered").asInt());
    assertEquals(shares, run.path("total").asLong());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Long> filed = filedTransactions();
    assertEquals(requisitioned() + shares, filed.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(decision.path("redistributed").asLong(), shares);
    // conservation: everything allocated is paid or stays unallocated
    assertEquals(3_674_000_000L, filed.values().stream().mapToLong(Long::longValue).sum()
        + decision.path("unallocated").asLong());
  }

  @Test
  void aReleaseThatDiesBetweenRecordingAndSendingLosesNothingAndDuplicatesNothing() throws Exception {
    String batch = payout().json().path("runId").asText();
    AtomicInteger sends = new AtomicInteger();
    LocalStackExtension.FAULTS.arm((service, op, request) -> request instanceof SendMessageRequest m
        && m.queueUrl().contains("PaymentQueue") && sends.incrementAndGet() == 3
        ? new IllegalStateException("injected: the function dies after recording, before sending") : null);
    assertEquals(500, approve(batch).status(), "the approval was recorded, its release died");
    LocalStackExtension.FAULTS.disarm();
    JsonNode midway = payments();
    assertTrue(midway.path("totals").path("pending").path("orders").asInt() > 0, midway.toString());
    assertEquals(RECIPIENTS.size(), midway.path("totals").path("orders").asInt(), "every paid requisition has its order");

    JsonNode early = payout().json();
    assertEquals(0, early.path("resent").asInt(), "a release younger than the lease may still be running: left alone");
    assertEquals(200, approve(batch).status(), "the attestant asking again is answered, and changes nothing yet");
    assertTrue(payments().path("totals").path("pending").path("orders").asInt() > 0);
    s.runtime.clock().set(s.runtime.clock().instant().plus(PayoutService.RUN_LEASE).plusSeconds(1));
    JsonNode next = payout().json();
    assertTrue(next.path("resent").asInt() > 0, next.toString());
    assertEquals(0, next.path("ordered").asInt());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Long> filed = filedTransactions();
    assertEquals(RECIPIENTS.size(), filed.size(), "each order in exactly one file");
    assertEquals(requisitioned(), filed.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(RECIPIENTS.size(), payments().path("totals").path("filed").path("orders").asInt());
  }

  @Test
  void aReleaseThatDiesAfterSendingButBeforeMarkingSentDuplicatesNothing() throws Exception {
    String batch = payout().json().path("runId").asText();
    AtomicInteger marks = new AtomicInteger();
    LocalStackExtension.FAULTS.arm((service, op, request) -> request instanceof UpdateItemRequest u
        && u.key().get("SK").s().startsWith("PAY#") && u.updateExpression().contains(":sent")
        && marks.incrementAndGet() == 2 ? new IllegalStateException("injected: dies after sending, before marking") : null);
    assertEquals(500, approve(batch).status());
    LocalStackExtension.FAULTS.disarm();
    s.runtime.clock().set(s.runtime.clock().instant().plus(PayoutService.RUN_LEASE).plusSeconds(1));
    payout();
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Long> filed = filedTransactions();
    assertEquals(RECIPIENTS.size(), filed.size());
    assertEquals(requisitioned(), filed.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void concurrentRunsPayEachRequisitionOnce() throws Exception {
    var pool = Executors.newFixedThreadPool(4);
    List<Future<Http.Response>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(pool.submit(this::payout));
    }
    int ordered = 0;
    for (Future<Http.Response> f : runs) {
      assertEquals(200, f.get().status(), f.get().body());
      ordered += f.get().json().path("ordered").asInt();
    }
    pool.shutdown();
    assertEquals(RECIPIENTS.size(), ordered);
    s.approveBatches();
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Long> filed = filedTransactions();
    Set<String> ids = new HashSet<>(filed.keySet());
    assertEquals(RECIPIENTS.size(), ids.size());
    assertEquals(requisitioned(), filed.values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void aRunLeavesAnotherRunThatIsStillRecordingAlone() throws Exception {
    // run A stops after recording two orders; run B comes meanwhile (the schedule and a handläggare at once)
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger recorded = new AtomicInteger();
    LocalStackExtension.FAULTS.arm((service, op, request) -> {
      if (request instanceof TransactWriteItemsRequest t && t.transactItems().stream().anyMatch(i -> i.put() != null
          && i.put().item().get("SK").s().startsWith("PAY#")) && recorded.incrementAndGet() == 3) {
        inside.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return null;
    });
    var pool = Executors.newSingleThreadExecutor();
    Future<Http.Response> a = pool.submit(this::payout);
    assertTrue(inside.await(30, TimeUnit.SECONDS));
    JsonNode b = payout().json();
    assertEquals(0, b.path("resent").asInt(), "B must not send or close A's run: " + b);
    release.countDown();
    assertEquals(200, a.get().status(), a.get().body());
    pool.shutdown();
    LocalStackExtension.FAULTS.disarm();
    assertEquals(RECIPIENTS.size(), a.get().json().path("ordered").asInt() + b.path("ordered").asInt());
    s.approveBatches();
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Long> filed = filedTransactions();
    assertEquals(RECIPIENTS.size(), filed.size(), "every order in a file");
    assertEquals(requisitioned(), filed.values().stream().mapToLong(Long::longValue).sum());
  }
}
