package se.bidrag.integration.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.AllocationJson;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;

/** The allocation routes, over real HTTP through the local API, stored in DynamoDB Local. */
@ExtendWith(LocalStackExtension.class)
class AllocationApiIT {
  static final String GRANT = "/grants/god-och-nara-vard-2025";

  static String admin(LocalRuntime runtime) {
    return runtime.jwt().mintAgency("handlaggare-1", "2021000555", java.util.List.of("handlaggare"), "Handläggare",
        Duration.ofMinutes(10));
  }

  @Test
  void publishingIsAdminOnlyAndIdempotent(LocalRuntime runtime) {
    Http http = new Http(runtime.api().uri());
    String ombud = runtime.jwt().mint("p1", "2120000019", "ombud", "Ombud", Duration.ofMinutes(10));
    Http.Response forbidden = http.post(GRANT + "/allocations:publish", ombud, null);
    assertEquals(403, forbidden.status(), "the route requires the agency scope: refused by the JWT authorizer");
    String scoped = runtime.jwt().mintAgency("p1", "2120000019", java.util.List.of("handlaggare"), "P",
        Duration.ofMinutes(10));
    forbidden = http.post(GRANT + "/allocations:publish", scoped, null);
    assertEquals(403, forbidden.status(), "with the scope, but not the agency's organisation: refused by the function");
    assertEquals("application/problem+json; charset=utf-8", forbidden.header("Content-Type"));
    assertEquals(404, http.get(GRANT + "/allocations", ombud).status(), "not published yet");

    Http.Response first = http.post(GRANT + "/allocations:publish", admin(runtime), null);
    assertEquals(201, first.status(), first.body());
    assertEquals("published", first.json().path("outcome").asText());
    assertEquals(3_674_000_000L, first.json().path("total").asLong());
    Http.Response again = http.post(GRANT + "/allocations:publish", admin(runtime), null);
    assertEquals(200, again.status());
    assertEquals("already-published", again.json().path("outcome").asText());
    assertEquals(first.json().path("allocationHash"), again.json().path("allocationHash"));

    JsonNode grant = http.get(GRANT, ombud).json();
    assertEquals("PUBLISHED", grant.path("state").asText());
    assertEquals("2025-04-17T22:00:00Z", grant.path("requisitionClosesAt").asText());
    assertEquals(8, grant.path("areas").size());
    // the year's timeline for the console: the system's clock, the reporting dates with the reminders computed
    // in Swedish working days, the invoicing terms, the redistribution's instant, the daily runs
    assertEquals(runtime.clock().instant(), java.time.OffsetDateTime.parse(grant.path("now").asText()).toInstant());
    assertEquals("2026-02-02", grant.path("reporting").path("dispatchDate").asText());
    assertEquals("[\"2026-03-11\",\"2026-03-26\",\"2026-04-01\"]", grant.path("reporting").path("reminders").toString());
    assertEquals(30, grant.path("invoicing").path("paymentTermDays").asInt());
    assertEquals("07:30", grant.path("invoicing").path("dailyRunAt").asText());
    assertEquals("2025-04-18T02:00+02:00", grant.path("redistributionAt").asText());
    assertEquals("06:00", grant.path("payouts").path("dailyRunAt").asText());
    assertTrue(grant.path("payouts").path("requiresAttestation").asBoolean());
  }

  @Test
  void theAllocationsAreTheSameObjectsAsTheCommandLinePrints(LocalRuntime runtime) {
    Http http = new Http(runtime.api().uri());
    assertEquals(201, http.post(GRANT + "/allocations:publish", admin(runtime), null).status());
    String reader = runtime.jwt().mint("p2", "2321000164", "representant", "Rep", Duration.ofMinutes(10));
    JsonNode all = http.get(GRANT + "/allocations", reader).json();
    assertEquals(311, all.path("allocations").size());
    long total = 0;
    for (JsonNode a : all.path("allocations")) {
      total += a.path("total").asLong();
    }
    assertEquals(3_674_000_000L, total);
    assertEquals(21, http.get(GRANT + "/allocations?kind=region", reader).json().path("allocations").size());

    GrantDefinition g = GrantCatalog.bundled().require("god-och-nara-vard-2025");
    var cli = new AllocationEngine().allocate(g, new BaseDataLoader(DataFiles.bundled()).load(g));
    JsonNode expected = Json.MAPPER.valueToTree(AllocationJson.recipient(cli, cli.forRecipient("region-18").orElseThrow()));
    JsonNode orebro = http.get(GRANT + "/allocations/region-18", reader).json();
    assertEquals(expected, orebro);
    assertEquals(76_425_969L, orebro.path("pots").path("region-population").asLong());
  }

  /** The local stack is a test stage: it publishes the illustrative inputs, and every object says so. */
  @Test
  void aTestStagePublishesIllustrativeFiguresLabelledEverywhere(LocalRuntime runtime) {
    Http http = new Http(runtime.api().uri());
    Http.Response published = http.post(GRANT + "/allocations:publish", admin(runtime), null);
    assertEquals(201, published.status(), published.body());
    assertTrue(published.json().path("illustrative").asBoolean());
    assertEquals("[\"care-recipients\",\"rural-class\"]", published.json().path("illustrativeInputs").toString());
    String reader = runtime.jwt().mint("p3", "2120000019", "ombud", "Ombud", Duration.ofMinutes(10));
    JsonNode grant = http.get(GRANT, reader).json();
    JsonNode list = http.get(GRANT + "/allocations?kind=kommun", reader).json();
    JsonNode one = http.get(GRANT + "/allocations/kommun-0114", reader).json();
    for (JsonNode labelled : new JsonNode[] {grant, list, one, list.path("allocations").get(0)}) {
      assertTrue(labelled.path("illustrative").asBoolean(), labelled.toString());
      assertTrue(labelled.path("notice").asText().startsWith("Illustrativa uppgifter"), labelled.toString());
    }
  }

  @Test
  void theDiffIsForTheAgencyAndComparesThePublishedAllocationWithPublishingNow(LocalRuntime runtime) {
    Http http = new Http(runtime.api().uri());
    String ombud = runtime.jwt().mint("p1", "2120000019", "ombud", "Ombud", Duration.ofMinutes(10));
    assertEquals(403, http.get(GRANT + "/allocations:diff", ombud).status());
    Http.Response notYet = http.get(GRANT + "/allocations:diff", admin(runtime));
    assertEquals(404, notYet.status(), notYet.body());
    assertEquals("against", notYet.json().path("errors").get(0).path("field").asText());
    Http.Response bundled = http.get(GRANT + "/allocations:diff?against=bundled", admin(runtime));
    assertEquals(200, bundled.status(), bundled.body());
    assertEquals(311, bundled.json().path("recipients").size());

    assertEquals(201, http.post(GRANT + "/allocations:publish", admin(runtime), null).status());
    JsonNode diff = http.get(GRANT + "/allocations:diff", admin(runtime)).json();
    assertTrue(diff.path("previous").path("label").asText().startsWith("published 2025-03-03T08:00:00Z by "), diff.toString());
    assertEquals(diff.path("previous").path("allocationHash"), diff.path("current").path("allocationHash"));
    assertEquals(0, diff.path("recipientsChanged").asInt());
    assertEquals(311, diff.path("recipients").size());
    assertEquals(0, http.get(GRANT + "/allocations:diff?changed=true", admin(runtime)).json().path("recipients").size());
    JsonNode orebro = null;
    for (JsonNode r : diff.path("recipients")) {
      orebro = r.path("recipientId").asText().equals("region-18") ? r : orebro;
    }
    assertEquals(76_425_969L, orebro.path("pots").path("region-population").path("previous").asLong());
    assertEquals(0L, orebro.path("total").path("difference").asLong());
    for (JsonNode i : diff.path("inputs")) {
      assertEquals(i.path("previous").path("status"), i.path("current").path("status"));
      assertTrue(i.path("current").path("status").asText().matches("official|illustrative"), i.toString());
    }
    assertEquals("test", diff.path("publishing").path("stage").asText());
    assertTrue(diff.path("publishing").path("allowed").asBoolean());
    assertEquals(400, http.get(GRANT + "/allocations:diff?against=yesterday", admin(runtime)).status());
  }

  @Test
  void withoutAValidTokenEveryRouteIs401(LocalRuntime runtime) {
    Http http = new Http(runtime.api().uri());
    assertEquals(401, http.get(GRANT, null).status());
    assertEquals(401, http.get(GRANT + "/allocations", "garbage").status());
    assertEquals(401, http.post(GRANT + "/allocations:publish", null, null).status());
    String expired = runtime.jwt().mintAgency("a", "2021000555", java.util.List.of("handlaggare"), "A",
        Duration.ofSeconds(-120));
    assertEquals(401, http.get(GRANT + "/allocations/region-18", expired).status());
  }

  @Test
  void unknownGrantsAndRecipientsAreProblems(LocalRuntime runtime) {
    Http http = new Http(runtime.api().uri());
    http.post(GRANT + "/allocations:publish", admin(runtime), null);
    Http.Response grant = http.get("/grants/no-such-grant", admin(runtime));
    assertEquals(404, grant.status());
    assertEquals("grantId", grant.json().path("errors").get(0).path("field").asText());
    Http.Response recipient = http.get(GRANT + "/allocations/kommun-9999", admin(runtime));
    assertEquals(404, recipient.status());
    assertTrue(recipient.json().path("detail").asText().contains("kommun-9999"));
    assertEquals(400, http.get(GRANT + "/allocations?kind=county", admin(runtime)).status());
  }
}
