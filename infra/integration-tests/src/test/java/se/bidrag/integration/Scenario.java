package se.bidrag.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import se.bidrag.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;

/**
 * A published 2025 grant on the local runtime, with helpers to act as the agency (a handläggare who
 * prepares, an attestant who approves) and as organisations.
 */
public final class Scenario {
  public static final String GRANT = "god-och-nara-vard-2025";
  public static final String AGENCY = "2021000555";

  public final LocalRuntime runtime;
  public final Http http;
  /** The agency's handläggare (prepares: publishes, registers ombud, runs payouts, proposes recoveries and waivers). */
  public final String handlaggare;
  /** The agency's attestant (approves or rejects what the handläggare or the daily run proposed). */
  public final String attestant;
  private final Map<String, JsonNode> allocations = new HashMap<>();
  private final Set<String> ombudRegistered = ConcurrentHashMap.newKeySet();
  private final Set<String> accounts = ConcurrentHashMap.newKeySet();

  public Scenario(LocalRuntime runtime) {
    this.runtime = runtime;
    this.http = new Http(runtime.api().uri());
    this.handlaggare = runtime.jwt().mintAgency("handlaggare-1", AGENCY, List.of("handlaggare"), "Handläggare Ett",
        Duration.ofHours(1));
    this.attestant = runtime.jwt().mintAgency("attestant-1", AGENCY, List.of("attestant"), "Attestant Ett",
        Duration.ofHours(1));
  }

  /** Publishes the allocation (as the agency) and reads it back. */
  public Scenario published() {
    Http.Response r = http.post("/grants/" + GRANT + "/allocations:publish", handlaggare, null);
    assertEquals(201, r.status(), r.body());
    for (JsonNode a : http.get("/grants/" + GRANT + "/allocations", handlaggare).json().path("allocations")) {
      allocations.put(a.path("recipientId").asText(), a);
    }
    return this;
  }

  public JsonNode allocation(String recipientId) {
    return allocations.get(recipientId);
  }

  public List<String> recipientIds() {
    return new ArrayList<>(new java.util.TreeSet<>(allocations.keySet()));
  }

  public String orgnr(String recipientId) {
    return allocations.get(recipientId).path("orgnr").asText();
  }

  public String ombudSubject(String orgnr) {
    return "ombud-" + orgnr;
  }

  /** Registers the organisation's ombud (once) and returns a token for that person. */
  public String ombud(String orgnr) {
    if (ombudRegistered.add(orgnr)) {
      Http.Response r = http.send("PUT", "/organisations/" + orgnr + "/ombud", handlaggare,
          Json.write(Json.object().put("subject", ombudSubject(orgnr)).put("name", "Ombud " + orgnr)
              .put("email", "ombud@" + orgnr + ".example.se")), Map.of());
      assertEquals(201, r.status(), r.body());
    }
    return token(ombudSubject(orgnr), orgnr, "ombud");
  }

  /** A valid bankgiro number for the organisation (8 digits, Luhn check digit), fixed by its orgnr. */
  public static String bankgiro(String orgnr) {
    String body = "5" + orgnr.substring(3, 9);
    return body + se.bidrag.grant.Luhn.checkDigit(body);
  }

  /** The organisation's ombud registers its bankgiro and the attestant approves it (once per organisation). */
  public void account(String orgnr) {
    if (!accounts.add(orgnr)) {
      return;
    }
    String ombud = ombud(orgnr);
    Http.Response put = http.send("PUT", "/organisations/" + orgnr + "/payout-account", ombud,
        Json.write(Json.object().put("bankgiro", bankgiro(orgnr))), Map.of());
    assertEquals(202, put.status(), put.body());
    Http.Response ok = http.send("POST", "/organisations/" + orgnr + "/payout-account/approve", attestant, null,
        Map.of("If-Match", "\"" + put.json().path("version").asLong() + "\""));
    assertEquals(200, ok.status(), ok.body());
  }

  /** A payout run by the handläggare; returns its answer (the batch awaits attestation). */
  public JsonNode runPayout() {
    Http.Response r = http.post("/grants/" + GRANT + "/payouts:run", handlaggare, null);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /** The attestant approves every batch awaiting attestation; returns how many. */
  public int approveBatches() {
    int n = 0;
    for (JsonNode b : http.get("/grants/" + GRANT + "/payout-batches", handlaggare).json().path("batches")) {
      if (b.path("state").asText().equals("awaiting-attestation")) {
        Http.Response r = http.post(b.path("links").path("approve").asText(), attestant, null);
        assertEquals(200, r.status(), r.body());
        n++;
      }
    }
    return n;
  }

  public String token(String subject, String orgnr, String role) {
    return runtime.jwt().mint(subject, orgnr, role, subject, Duration.ofHours(1));
  }

  /** A valid requisition body. */
  public ObjectNode form(long amount, boolean wantsRemainingFunds, int... areas) {
    ObjectNode o = Json.object();
    o.put("amount", amount);
    o.putArray("implementers").add("Primärvårdsförvaltningen");
    var a = o.putArray("areas");
    for (int area : areas.length == 0 ? new int[] {1, 2} : areas) {
      a.add(area);
    }
    o.put("wantsRemainingFunds", wantsRemainingFunds);
    o.putObject("contact").put("name", "Anna Andersson").put("email", "anna.andersson@example.se");
    o.put("registryEmail", "registrator@example.se");
    o.put("signedBy", "Ombudet");
    return o;
  }

  public String path(String recipientId) {
    return "/grants/" + GRANT + "/requisitions/" + recipientId;
  }

  public Http.Response put(String recipientId, String token, JsonNode body, Map<String, String> headers) {
    return http.send("PUT", path(recipientId), token, Json.write(body), headers);
  }

  /** Submits the recipient's requisition as its ombud and expects 201. */
  public JsonNode requisition(String recipientId, long amount, boolean wants) {
    Http.Response r = put(recipientId, ombud(orgnr(recipientId)), form(amount, wants), Map.of());
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /** A snapshot of every item of the main table, by "PK|SK", for "nothing changed" comparisons. */
  public Map<String, Map<String, AttributeValue>> snapshot() {
    Map<String, Map<String, AttributeValue>> out = new java.util.TreeMap<>();
    for (Map<String, AttributeValue> item : tableContents()) {
      out.put(item.get("PK").s() + "|" + item.get("SK").s(), item);
    }
    return out;
  }

  /** Fails naming the items that differ between two snapshots. */
  public static void assertUnchanged(Map<String, Map<String, AttributeValue>> before,
      Map<String, Map<String, AttributeValue>> after, String what) {
    java.util.Set<String> changed = new java.util.TreeSet<>();
    for (String k : before.keySet()) {
      if (!before.get(k).equals(after.get(k))) {
        changed.add(k);
      }
    }
    for (String k : after.keySet()) {
      if (!before.containsKey(k)) {
        changed.add(k);
      }
    }
    if (!changed.isEmpty()) {
      org.junit.jupiter.api.Assertions.fail(what + ": items changed: " + changed);
    }
  }

  /** Every item of the main table. */
  public List<Map<String, AttributeValue>> tableContents() {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      var req = software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder()
          .tableName(runtime.table("BidragTable")).consistentRead(true);
      if (start != null) {
        req.exclusiveStartKey(start);
      }
      ScanResponse r = runtime.platform().dynamoDb().scan(req.build());
      items.addAll(r.items());
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    items.sort(java.util.Comparator.comparing(i -> i.get("PK").s() + "|" + i.get("SK").s()));
    return items;
  }

  /** The audit entries of one entity, in order. */
  public List<Map<String, AttributeValue>> audit(String entity) {
    return runtime.platform().dynamoDb().query(q -> q.tableName(runtime.table("BidragTable"))
        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("AUDIT#" + entity)))
        .consistentRead(true)).items();
  }
}
