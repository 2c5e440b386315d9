package se.bidrag.integration.redistribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.access.Caller;
import se.bidrag.json.Json;
import se.bidrag.redistribution.DynamoRedistributionStore;
import se.bidrag.redistribution.Redistribution;
import se.bidrag.redistribution.RedistributionJson;
import se.bidrag.redistribution.RedistributionStore;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.local.Mailbox;
import se.bidrag.integration.Scenario;

/** The redistribution on the local stack: after the deadline, exact, once, and the recipients told. */
@ExtendWith(LocalStackExtension.class)
class RedistributionApiIT {
  static final Instant AFTER_DEADLINE = Instant.parse("2025-04-18T00:00:00Z"); // 02:00 Stockholm, the schedule
  Scenario s;
  /** recipient → (amount requisitioned, wants remaining funds) */
  final Map<String, Object[]> plan = new LinkedHashMap<>();

  @BeforeEach
  void requisitions(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
    plan.put("kommun-0114", new Object[] {full("kommun-0114"), true});
    plan.put("kommun-0115", new Object[] {full("kommun-0115") / 2, true});
    plan.put("kommun-0117", new Object[] {full("kommun-0117"), false});
    plan.put("kommun-1863", new Object[] {full("kommun-1863"), true}); // Hällefors: rural
    plan.put("kommun-2584", new Object[] {full("kommun-2584") - 1000, false}); // Kiruna: rural, says no
    plan.put("region-01", new Object[] {full("region-01"), true});
    plan.put("region-03", new Object[] {full("region-03") / 2, false});
    plan.put("region-25", new Object[] {full("region-25"), true}); // Norrbotten: rural
    plan.forEach((r, p) -> s.requisition(r, (long) p[0], (boolean) p[1]));
  }

  long full(String recipientId) {
    return s.allocation(recipientId).path("total").asLong();
  }

  private Http.Response run() {
    return s.http.post("/grants/" + Scenario.GRANT + "/redistribution:run", s.handlaggare, null);
  }

  @Test
  void beforeTheDeadlineItIsRefusedAndThePreviewWritesNothing() {
    assertEquals(409, run().status());
    var before = s.snapshot();
    Http.Response preview = s.http.post("/grants/" + Scenario.GRANT + "/redistribution:preview", s.handlaggare, null);
    assertEquals(200, preview.status(), preview.body());
    assertTrue(preview.json().path("preview").asBoolean());
    Scenario.assertUnchanged(before, s.snapshot(), "a preview");
    assertEquals(403, s.http.post("/grants/" + Scenario.GRANT + "/redistribution:preview", s.ombud(s.orgnr("kommun-0114")),
        null).status());
  }

  @Test
  void theScheduleRunsItAfterTheDeadlineExactToTheKrona() {
    var fired = s.runtime.setClock(AFTER_DEADLINE);
    assertTrue(fired.stream().anyMatch(f -> f.schedule().equals("RedistributionJobFunction.Daily")
        && f.succeeded() && f.result().contains("RECORDED")), fired.toString());
    JsonNode d = s.http.get("/grants/" + Scenario.GRANT + "/redistribution", s.handlaggare).json();

    // requisitioned per pot, from the requisitions themselves
    Map<String, Long> requisitioned = new HashMap<>();
    for (JsonNode r : s.http.get("/grants/" + Scenario.GRANT + "/requisitions", s.handlaggare).json().path("requisitions")) {
      r.path("pots").fields().forEachRemaining(e -> requisitioned.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }
    Map<String, Long> sharesPerPot = new HashMap<>();
    for (JsonNode share : d.path("shares")) {
      for (JsonNode x : share.path("extras")) {
        sharesPerPot.merge(x.path("potId").asText(), x.path("amount").asLong(), Long::sum);
      }
    }
    for (JsonNode pot : d.path("pots")) {
      String id = pot.path("potId").asText();
      long unclaimed = pot.path("amount").asLong() - requisitioned.getOrDefault(id, 0L);
      assertEquals(unclaimed, pot.path("unclaimed").asLong(), id);
      assertEquals(unclaimed, pot.path("redistributed").asLong() + pot.path("remainder").asLong(), id);
      assertEquals(pot.path("redistributed").asLong(), sharesPerPot.getOrDefault(id, 0L).longValue(), id);
      assertEquals(0, pot.path("remainder").asLong(), id + ": someone opted in in every pot here");
    }
    // each share is the re-run key over the opted-in recipients alone, to the krona
    Map<String, List<String>> optedIn = new HashMap<>();
    plan.forEach((r, p) -> {
      if ((boolean) p[1]) {
        s.allocation(r).path("pots").fieldNames().forEachRemaining(pot -> optedIn.computeIfAbsent(pot, k -> new ArrayList<>()).add(r));
      }
    });
    for (JsonNode share : d.path("shares")) {
      assertTrue((boolean) plan.get(share.path("recipientId").asText())[1], "only those who said yes get a share");
      for (JsonNode x : share.path("extras")) {
        String pot = x.path("potId").asText();
        BigInteger denominator = BigInteger.ZERO;
        for (String r : optedIn.get(pot)) {
          denominator = denominator.add(key(r, pot));
        }
        BigInteger k = key(share.path("recipientId").asText(), pot);
        long unclaimed = d.path("pots").findValues("potId").stream().anyMatch(v -> v.asText().equals(pot))
            ? potOf(d, pot).path("unclaimed").asLong() : 0;
        BigInteger exact = BigInteger.valueOf(unclaimed).multiply(k);
        BigInteger scaled = BigInteger.valueOf(x.path("amount").asLong()).multiply(denominator);
        assertTrue(scaled.subtract(exact).abs().compareTo(denominator) < 0, share + " " + pot);
        assertEquals(denominator, x.path("denominator").bigIntegerValue());
      }
    }
  }

  @Test
  void theRecordedDecisionReadsBackAsDecidedAndMatchesItsHash() throws Exception {
    s.runtime.clock().set(AFTER_DEADLINE.plusSeconds(3600));
    JsonNode preview = s.http.post("/grants/" + Scenario.GRANT + "/redistribution:preview", s.handlaggare, null).json();
    assertEquals(201, run().status());
    ObjectNode got = (ObjectNode) s.http.get("/grants/" + Scenario.GRANT + "/redistribution", s.handlaggare).json();
    String hash = got.path("decisionHash").asText();
    got.remove(List.of("recordedAt", "recordedBy", "decisionHash"));
    assertEquals(hash, sha256(Json.write(got)), "the body read back is the decision that was hashed");
    assertEquals(preview.path("shares"), got.path("shares"), "every share, in the decision's order");
    assertEquals(preview.path("pots"), got.path("pots"));
    var header = s.runtime.platform().dynamoDb().getItem(g -> g.tableName(s.runtime.table("BidragTable"))
        .key(Map.of("PK", AttributeValue.fromS("GRANT#" + Scenario.GRANT), "SK", AttributeValue.fromS("REDIST")))).item();
    assertFalse(header.containsKey("decision"), "the header keeps the pots, not the shares");
    assertEquals(String.valueOf(got.path("shares").size()), header.get("shareCount").n());
  }

  /** A decision with more shares than one DynamoDB item holds (400 KB) is recorded and read back whole. */
  @Test
  void aDecisionLargerThanOneItemIsRecordedAndReadBack() throws Exception {
    String grantId = "stor-fordelning";
    List<Redistribution.RecipientShare> shares = new ArrayList<>();
    String padding = "x".repeat(400);
    for (int i = 0; i < 1200; i++) {
      long amount = i % 7 == 0 ? 0 : 1000 + i; // some opted in and got nothing: part of the decision, never paid
      shares.add(new Redistribution.RecipientShare(String.format("enhet-%05d", 1200 - i), "212000-0142",
          "Vårdenhet " + i + " " + padding, "enhet", List.of(new Redistribution.Extra("pott", BigInteger.valueOf(i + 1),
              BigInteger.valueOf(720_600), (i + 1) + "/720600", amount + " 0/1", false, amount)), amount));
    }
    long total = shares.stream().mapToLong(Redistribution.RecipientShare::total).sum();
    var decision = new Redistribution.Decision(grantId, List.of(new Redistribution.PotOutcome("pott", total, 0, total,
        shares.size(), BigInteger.valueOf(720_600), total, 0)), shares);
    String json = Json.write(RedistributionJson.decision(decision));
    assertTrue(json.length() > 400 * 1024, "larger than one item: " + json.length());
    var store = new DynamoRedistributionStore(s.runtime.platform().dynamoDb(), s.runtime.table("BidragTable"));
    String hash = sha256(json);
    assertEquals(RedistributionStore.Outcome.RECORDED, store.record(decision, hash, AFTER_DEADLINE,
        Caller.system("redistribution"), () -> {}));
    assertEquals(RedistributionStore.Outcome.ALREADY_RECORDED, store.record(decision, hash, AFTER_DEADLINE,
        Caller.system("redistribution"), () -> {}));
    var read = store.decision(grantId).orElseThrow();
    assertEquals(json, read.json());
    assertEquals(hash, read.header().decisionHash());
    assertEquals(shares.stream().filter(x -> x.total() > 0).count(), store.unpaidShares(grantId).size(),
        "the shares of 0 kr are never paid");
  }

  private static String sha256(String text) throws java.security.NoSuchAlgorithmException {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static JsonNode potOf(JsonNode d, String pot) {
    for (JsonNode p : d.path("pots")) {
      if (p.path("potId").asText().equals(pot)) {
        return p;
      }
    }
    throw new AssertionError(pot);
  }

  private BigInteger key(String recipientId, String pot) {
    for (JsonNode e : s.allocation(recipientId).path("explanation")) {
      if (e.path("potId").asText().equals(pot)) {
        return e.path("keyValue").bigIntegerValue();
      }
    }
    throw new AssertionError(recipientId + " " + pot);
  }

  @Test
  void aSecondRetriedOrConcurrentRunLeavesExactlyOneResult() throws Exception {
    s.runtime.clock().set(AFTER_DEADLINE.plusSeconds(3600)); // past the deadline, schedule not fired
    List<Callable<Http.Response>> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(this::run);
    }
    var pool = Executors.newFixedThreadPool(4);
    Map<Integer, Integer> statuses = new HashMap<>();
    List<String> bodies = new ArrayList<>();
    for (Future<Http.Response> f : pool.invokeAll(runs)) {
      statuses.merge(f.get().status(), 1, Integer::sum);
      bodies.add(Json.write(Json.parse(f.get().body()).path("shares")));
    }
    pool.shutdown();
    assertEquals(1, statuses.getOrDefault(201, 0), statuses.toString());
    assertEquals(3, statuses.getOrDefault(200, 0), statuses.toString());
    assertTrue(bodies.stream().distinct().count() == 1, "every run sees the same shares");
    var recorded = s.snapshot();
    // the schedule's event, and a retried one: nothing changes
    s.runtime.clock().set(AFTER_DEADLINE.plusSeconds(7200));
    Map<String, Object> again = Map.of("grantId", Scenario.GRANT);
    assertEquals("ALREADY_RECORDED", ((Map<?, ?>) s.runtime.function("RedistributionJobFunction").invoke(again)).get("outcome"));
    assertEquals(200, run().status());
    Scenario.assertUnchanged(recorded, s.snapshot(), "runs after the first");
    assertEquals(1, s.audit("redistribution/" + Scenario.GRANT).size(), "one audited decision");
  }

  @Test
  void eachRecipientWithAShareIsToldOnceByEmail() {
    s.runtime.setClock(AFTER_DEADLINE);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    JsonNode d = s.http.get("/grants/" + Scenario.GRANT + "/redistribution", s.handlaggare).json();
    int withShare = 0;
    for (JsonNode share : d.path("shares")) {
      if (share.path("total").asLong() > 0) {
        withShare++;
      }
    }
    List<Mailbox.Mail> mail = notices();
    assertEquals(withShare, mail.size());
    assertTrue(mail.stream().allMatch(m -> m.to().equals(List.of("registrator@example.se"))));
    assertTrue(mail.get(0).subject().startsWith("Omfördelade medel"), mail.get(0).subject());
    assertTrue(mail.get(0).text().contains("kronor utöver de"), mail.get(0).text());
    // the notices again (a rerun before the decision was final would queue them again): nothing more is sent
    var sqs = s.runtime.platform().sqs();
    String queue = s.runtime.queueUrl("EmailQueue");
    var job = new se.bidrag.notification.EmailJob("redistribution-notice:" + Scenario.GRANT + ":kommun-0114",
        "registrator@example.se", "dup", "dup", null, List.of(), Map.of("grant", Scenario.GRANT));
    sqs.sendMessage(m -> m.queueUrl(queue).messageBody(Json.write(job.toJson())));
    sqs.sendMessage(m -> m.queueUrl(queue).messageBody(Json.write(job.toJson())));
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(withShare, notices().size(), "a job is sent at most once");
  }

  /** The redistribution notices SES received (the daily payout also reminds organisations without a payout account). */
  List<Mailbox.Mail> notices() {
    return s.runtime.emulators().mailbox().all().stream().filter(m -> m.subject().startsWith("Omfördelade medel"))
        .toList();
  }
}
