package se.bidrag.integration.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;

/**
 * What awaits attestation, listed for the agency: payout batches and account changes (recoveries and
 * waivers likewise) in one list; one that has waited longer than the configured number of Swedish
 * working days (2; Easter's långfredagen and annandag påsk are not working days) is listed as stale.
 */
@ExtendWith(LocalStackExtension.class)
class ProposalListIT {
  static final String G = "/grants/" + Scenario.GRANT;

  JsonNode list(Scenario s, String query) {
    Http.Response r = s.http.get(G + "/proposals" + query, s.attestant);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  @Test
  void aProposalWaitingLongerThanTheWorkingDaysAllowedIsListedAsStale(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime).published();
    String orgnr = s.orgnr("kommun-0114");
    s.requisition("kommun-0114", 1_000_000, false);
    s.account(orgnr);
    runtime.clock().set(Instant.parse("2025-04-17T08:00:00Z")); // Thursday before Easter
    String batch = s.runPayout().path("runId").asText();
    runtime.clock().set(Instant.parse("2025-04-17T08:05:00Z"));
    assertEquals(202, s.http.send("PUT", "/organisations/" + orgnr + "/payout-account", s.ombud(orgnr),
        Json.write(Json.object().put("bankgiro", "991-2346")), Map.of()).status());

    JsonNode awaiting = list(s, "");
    assertEquals(2, awaiting.path("proposals").size(), awaiting.toString());
    assertEquals("payout-batch", awaiting.path("proposals").get(0).path("kind").asText());
    assertEquals(batch, awaiting.path("proposals").get(0).path("id").asText());
    assertEquals("payout-account", awaiting.path("proposals").get(1).path("kind").asText());
    assertEquals(1_000_000, awaiting.path("proposals").get(0).path("amount").asLong());

    runtime.clock().set(Instant.parse("2025-04-23T08:00:00Z")); // Wednesday: Tuesday and Wednesday worked
    assertEquals(0, list(s, "?stale=true").path("proposals").size(), "two working days: not yet stale");
    assertEquals(2, list(s, "").path("proposals").get(0).path("workingDaysWaiting").asInt());
    runtime.clock().set(Instant.parse("2025-04-24T08:00:00Z")); // Thursday: three
    JsonNode stale = list(s, "?stale=true");
    assertEquals(2, stale.path("proposals").size(), stale.toString());
    assertTrue(stale.path("proposals").get(0).path("stale").asBoolean());
    assertEquals(2, stale.path("totals").path("stale").asInt());

    assertEquals(200, s.http.post(G + "/payout-batches/" + batch + "/approve", s.attestant, null).status());
    assertEquals(1, list(s, "?stale=true").path("proposals").size(), "a decided proposal is no longer waiting");
    JsonNode decided = list(s, "?state=decided");
    assertEquals("approved", decided.path("proposals").get(0).path("state").asText());
    assertEquals("attestant-1", decided.path("proposals").get(0).path("decision").path("by").asText()
        .replaceAll("^.*/", ""));
    assertFalse(decided.path("proposals").get(0).path("stale").asBoolean());
    assertEquals(1, list(s, "?kind=payout-account").path("proposals").size());
    assertEquals(400, s.http.get(G + "/proposals?state=maybe", s.attestant).status());
    assertEquals(403, s.http.get(G + "/proposals", s.ombud(orgnr)).status());
  }
}
