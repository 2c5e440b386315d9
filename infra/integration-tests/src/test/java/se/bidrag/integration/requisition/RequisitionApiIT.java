package se.bidrag.integration.requisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.integration.Scenario;

/** Requisitions through the local API into DynamoDB Local: who may act, the deadline, versions, retries, audit. */
@ExtendWith(LocalStackExtension.class)
class RequisitionApiIT {
  static final String KOMMUN = "kommun-0114"; // Upplands Väsby: no rural allocation
  static final String RURAL_KOMMUN = "kommun-1863"; // Hällefors: glesa landsbygdskommun
  Scenario s;

  @BeforeEach
  void publish(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
  }

  private String ombud(String recipientId) {
    return s.ombud(s.orgnr(recipientId));
  }

  @Test
  void theOmbudSubmitsReadsAmendsAndWithdraws() {
    String token = ombud(KOMMUN);
    long allocation = s.allocation(KOMMUN).path("total").asLong();
    Http.Response created = s.put(KOMMUN, token, s.form(1_000_000, true), Map.of());
    assertEquals(201, created.status(), created.body());
    assertEquals("\"1\"", created.header("ETag"));
    JsonNode r = created.json();
    assertEquals("accepted", r.path("status").asText());
    assertEquals(1_000_000, r.path("amount").asLong());
    assertEquals(allocation, r.path("allocation").asLong());
    assertEquals(1_000_000, r.path("pots").path("kommun-care-and-population").asLong());
    assertEquals(0, r.path("pots").path("kommun-rural").asLong());

    assertEquals(r, s.http.get(s.path(KOMMUN), token).json());

    Http.Response noIfMatch = s.put(KOMMUN, token, s.form(2_000_000, true), Map.of());
    assertEquals(412, noIfMatch.status());
    assertEquals("If-Match", noIfMatch.json().path("errors").get(0).path("field").asText());
    assertEquals(412, s.put(KOMMUN, token, s.form(2_000_000, true), Map.of("If-Match", "\"7\"")).status());
    Http.Response amended = s.put(KOMMUN, token, s.form(allocation, false), Map.of("If-Match", "\"1\""));
    assertEquals(200, amended.status(), amended.body());
    assertEquals(2, amended.json().path("version").asLong());
    assertEquals(allocation, amended.json().path("amount").asLong());

    Http.Response withdrawn = s.http.send("DELETE", s.path(KOMMUN), token, null, Map.of("If-Match", "\"2\""));
    assertEquals(200, withdrawn.status(), withdrawn.body());
    assertEquals("withdrawn", withdrawn.json().path("status").asText());
    assertEquals(0, withdrawn.json().path("amount").asLong());
    assertEquals(200, s.http.send("DELETE", s.path(KOMMUN), token, null, Map.of("If-Match", "\"2\"")).status(),
        "withdrawing again changes nothing");

    Http.Response again = s.put(KOMMUN, token, s.form(500, true), Map.of("If-Match", "\"3\""));
    assertEquals(200, again.status(), again.body());
    assertEquals(4, again.json().path("version").asLong());
    assertEquals(List.of(0L, 0L), potCounters(), "");
  }

  /** kommun-care-and-population and kommun-rural counters: withdrawn amounts come back off, a new one goes on. */
  private List<Long> potCounters() {
    JsonNode list = s.http.get("/grants/" + Scenario.GRANT + "/requisitions", s.handlaggare).json();
    long care = 0;
    long rural = 0;
    for (JsonNode p : list.path("pots")) {
      assertEquals(p.path("requisitioned").asLong(), p.path("counter").asLong(), "counter = sum of requisitions");
      if (p.path("potId").asText().equals("kommun-care-and-population")) {
        care = p.path("counter").asLong() - 500;
      }
      if (p.path("potId").asText().equals("kommun-rural")) {
        rural = p.path("counter").asLong();
      }
    }
    return List.of(care, rural);
  }

  @Test
  void everyChangeLeavesAnAuditEntryWithWhoWhenWhatBeforeAndAfter() {
    String token = ombud(KOMMUN);
    s.put(KOMMUN, token, s.form(100, true), Map.of());
    s.put(KOMMUN, token, s.form(200, true), Map.of("If-Match", "\"1\""));
    List<Map<String, AttributeValue>> audit = s.audit("requisition/" + Scenario.GRANT + "/" + KOMMUN);
    assertEquals(2, audit.size());
    Map<String, AttributeValue> second = audit.get(1);
    assertEquals("requisition.amended", second.get("action").s());
    assertEquals(s.orgnr(KOMMUN), second.get("actorOrgnr").s());
    assertEquals("ombud", second.get("actorRole").s());
    assertEquals(s.ombudSubject(s.orgnr(KOMMUN)), second.get("actorSubject").s());
    assertEquals("2025-03-03T08:00:00Z", second.get("at").s());
    assertTrue(second.get("before").s().contains("\"amount\":100"));
    assertTrue(second.get("after").s().contains("\"amount\":200"));
  }

  @Test
  void onlyTheOrganisationsOmbudAndInvitedRepresentativesMaySubmit() {
    String orgnr = s.orgnr(KOMMUN);
    String ombud = ombud(KOMMUN);
    // another municipality's ombud
    assertEquals(403, s.put(KOMMUN, ombud("kommun-0180"), s.form(100, true), Map.of()).status());
    // a person claiming to be the ombud but not registered
    assertEquals(403, s.put(KOMMUN, s.token("impostor", orgnr, "ombud"), s.form(100, true), Map.of()).status());
    // a representant not invited
    assertEquals(403, s.put(KOMMUN, s.token("rep-1", orgnr, "representant"), s.form(100, true), Map.of()).status());
    // the agency does not submit for a municipality
    assertEquals(403, s.put(KOMMUN, s.handlaggare, s.form(100, true), Map.of()).status());
    assertTrue(s.audit("requisition/" + Scenario.GRANT + "/" + KOMMUN).isEmpty(), "nothing was written");

    // the ombud invites a representant and an uppgiftssamordnare
    assertEquals(201, s.http.send("PUT", "/organisations/" + orgnr + "/delegates/rep-1", ombud,
        Json.write(Json.object().put("role", "representant").put("name", "Rep Ett")), Map.of()).status());
    assertEquals(201, s.http.send("PUT", "/organisations/" + orgnr + "/delegates/sam-1", ombud,
        Json.write(Json.object().put("role", "uppgiftssamordnare").put("name", "Sam Ett")), Map.of()).status());
    assertEquals(403, s.http.send("PUT", "/organisations/" + orgnr + "/delegates/x", s.token("rep-1", orgnr, "representant"),
        Json.write(Json.object().put("role", "representant").put("name", "X")), Map.of()).status(), "only the ombud invites");

    Http.Response byRep = s.put(KOMMUN, s.token("rep-1", orgnr, "representant"), s.form(100, true), Map.of());
    assertEquals(201, byRep.status(), byRep.body());
    assertTrue(byRep.json().path("updatedBy").asText().endsWith("/representant/rep-1"));
    String sam = s.token("sam-1", orgnr, "uppgiftssamordnare");
    assertEquals(403, s.put(KOMMUN, sam, s.form(200, true), Map.of("If-Match", "\"1\"")).status(), "may not submit");
    assertEquals(200, s.http.get(s.path(KOMMUN), sam).status(), "may read");
    assertEquals(200, s.http.get(s.path(KOMMUN), s.handlaggare).status(), "the agency reads");
    assertEquals(403, s.http.get(s.path(KOMMUN), ombud("kommun-0180")).status());

    // removed: no longer allowed
    assertEquals(204, s.http.send("DELETE", "/organisations/" + orgnr + "/delegates/rep-1", ombud, null, Map.of()).status());
    assertEquals(403, s.put(KOMMUN, s.token("rep-1", orgnr, "representant"), s.form(300, true), Map.of("If-Match", "\"1\""))
        .status());
    // a new ombud replaces the old one
    s.http.send("PUT", "/organisations/" + orgnr + "/ombud", s.handlaggare,
        Json.write(Json.object().put("subject", "new-ombud").put("name", "Ny")), Map.of());
    assertEquals(403, s.put(KOMMUN, ombud, s.form(300, true), Map.of("If-Match", "\"1\"")).status());
    assertEquals(200, s.put(KOMMUN, s.token("new-ombud", orgnr, "ombud"), s.form(300, true), Map.of("If-Match", "\"1\""))
        .status());
  }

  @Test
  void regionGotlandsOneOrganisationActsForBothRoles() {
    String orgnr = s.orgnr("region-09");
    assertEquals(orgnr, s.orgnr("kommun-0980"));
    String token = s.ombud(orgnr);
    assertEquals(201, s.put("region-09", token, s.form(1000, true), Map.of()).status());
    assertEquals(201, s.put("kommun-0980", token, s.form(2000, true), Map.of()).status());
  }

  @Test
  void withoutAValidTokenItIs401() {
    assertEquals(401, s.http.send("PUT", s.path(KOMMUN), null, Json.write(s.form(1, true)), Map.of()).status());
    assertEquals(401, s.http.send("PUT", s.path(KOMMUN), "x.y.z", Json.write(s.form(1, true)), Map.of()).status());
    String expired = s.runtime.jwt().mint("p", s.orgnr(KOMMUN), "ombud", "p", java.time.Duration.ofMinutes(-5));
    assertEquals(401, s.http.get(s.path(KOMMUN), expired).status());
  }

  @Test
  void theDeadlineIsTheEndOf17AprilInStockholm() {
    String token = ombud(KOMMUN);
    String other = ombud("kommun-0115");
    s.runtime.clock().set(Instant.parse("2025-04-17T21:59:59.999Z")); // 23:59:59.999 CEST
    assertEquals(201, s.put(KOMMUN, token, s.form(100, true), Map.of()).status());
    s.runtime.clock().set(Instant.parse("2025-04-17T22:00:00Z")); // 18 April 00:00 CEST
    var before = s.snapshot();
    Http.Response late = s.put(KOMMUN, token, s.form(200, true), Map.of("If-Match", "\"1\""));
    assertEquals(409, late.status());
    assertTrue(late.json().path("detail").asText().contains("closed at the end of 2025-04-17"), late.body());
    assertEquals(409, s.http.send("DELETE", s.path(KOMMUN), token, null, Map.of("If-Match", "\"1\"")).status());
    assertEquals(409, s.put("kommun-0115", other, s.form(100, true), Map.of()).status());
    Scenario.assertUnchanged(before, s.snapshot(), "requests after the deadline");
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyReturnsTheFirstResult() {
    String token = ombud(KOMMUN);
    Http.Response first = s.put(KOMMUN, token, s.form(100, true), Map.of("Idempotency-Key", "req-1"));
    assertEquals(201, first.status());
    Http.Response retry = s.put(KOMMUN, token, s.form(100, true), Map.of("Idempotency-Key", "req-1"));
    assertEquals(201, retry.status());
    assertEquals(first.body(), retry.body());
    Http.Response other = s.put(KOMMUN, token, s.form(999, true), Map.of("Idempotency-Key", "req-1"));
    assertEquals(422, other.status());
    assertEquals("Idempotency-Key", other.json().path("errors").get(0).path("field").asText());
    // the same plan re-sent without a key: the current requisition, unchanged
    Http.Response resent = s.put(KOMMUN, token, s.form(100, true), Map.of());
    assertEquals(200, resent.status());
    assertEquals(1, resent.json().path("version").asLong());
    assertEquals(1, s.audit("requisition/" + Scenario.GRANT + "/" + KOMMUN).size());
  }

  /** The pot bound lives in the database: with the counter near its limit, a write that would pass it is refused. */
  @Test
  void aPotIsNeverRequisitionedBeyondItsAmount() {
    var db = s.runtime.platform().dynamoDb();
    String table = s.runtime.table("BidragTable");
    // as if the rest of the pot had been requisitioned already: 100 kr left
    db.updateItem(u -> u.tableName(table).key(se.bidrag.platform.Items.key("GRANT#" + Scenario.GRANT,
        "POT#kommun-care-and-population")).updateExpression("SET requisitioned = :r")
        .expressionAttributeValues(Map.of(":r", se.bidrag.platform.Items.n(750_000_000L - 100))));
    String token = ombud(KOMMUN);
    var before = s.snapshot();
    Http.Response r = s.put(KOMMUN, token, s.form(101, true), Map.of());
    assertEquals(409, r.status(), r.body());
    assertTrue(r.json().path("detail").asText().contains("kommun-care-and-population"), r.body());
    Scenario.assertUnchanged(before, s.snapshot(), "a write that would overspend the pot");
    assertEquals(201, s.put(KOMMUN, token, s.form(100, true), Map.of()).status());
  }

  @Test
  void areaEightIsOnlyForRecipientsWithARuralAllocation() {
    Http.Response refused = s.put(KOMMUN, ombud(KOMMUN), s.form(100, true, 1, 8), Map.of());
    assertEquals(422, refused.status());
    assertEquals("areas", refused.json().path("errors").get(0).path("field").asText());
    assertTrue(refused.json().path("detail").asText().contains("area 8"), refused.body());
    assertEquals(201, s.put(RURAL_KOMMUN, ombud(RURAL_KOMMUN), s.form(100, true, 1, 8), Map.of()).status());
  }
}
