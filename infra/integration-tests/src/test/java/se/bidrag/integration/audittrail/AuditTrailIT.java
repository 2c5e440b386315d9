package se.bidrag.integration.audittrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportingSteps;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The audit trail people can read: every entry of the grant (and of its recipients' organisations)
 * in time order; one recipient's whole history in one call, equal to what the table holds for it; the
 * filters by entity, actor and time; paging with a cursor that loses and repeats nothing.
 */
@ExtendWith(LocalStackExtension.class)
class AuditTrailIT {
  static final String R = "kommun-0114";
  static final String G = "/grants/" + Scenario.GRANT;
  ReportingSteps steps;
  Scenario s;

  @BeforeEach
  void aYearForOneRecipient(LocalRuntime runtime) {
    steps = new ReportingSteps(runtime); // requisitions, accounts approved, one batch proposed and approved
    s = steps.s;
    Map<String, String> links = steps.dispatch();
    runtime.clock().set(Instant.parse("2026-03-10T09:00:00Z"));
    long received = steps.received(R);
    assertEquals(201, steps.submit(links.get(R), ReportingSteps.report(R, received - 9_000, 9_000)).status());
    runtime.deliverQueues(Duration.ofSeconds(30));
    runtime.clock().set(Instant.parse("2026-03-20T09:00:00Z"));
    assertEquals(200, steps.submit(links.get(R), ReportingSteps.report(R, received - 4_000, 4_000)).status());
    runtime.deliverQueues(Duration.ofSeconds(30));
  }

  List<JsonNode> all(String query) {
    List<JsonNode> out = new ArrayList<>();
    String next = G + "/audit?" + query;
    while (next != null) {
      Http.Response r = s.http.get(next, s.attestant);
      assertEquals(200, r.status(), r.body());
      r.json().path("entries").forEach(out::add);
      next = r.json().path("links").path("next").asText(null);
    }
    return out;
  }

  static List<String> keys(List<JsonNode> entries) {
    return entries.stream().map(e -> e.path("entity").asText() + "#" + e.path("sequence").asLong()).toList();
  }

  @Test
  void oneRecipientsHistoryIsEveryEntryTheTableHoldsForItInTimeOrder() {
    String orgnr = s.orgnr(R);
    List<Map<String, AttributeValue>> expected = new ArrayList<>();
    for (Map<String, AttributeValue> i : s.tableContents()) {
      if (!i.get("PK").s().startsWith("AUDIT#")) {
        continue;
      }
      boolean mine = i.containsKey("recipientId") ? i.get("recipientId").s().equals(R)
          : i.containsKey("orgnr") && i.get("orgnr").s().equals(orgnr);
      if (mine) {
        expected.add(i);
      }
    }
    expected.sort(Comparator.comparing(i -> i.get("GSI1SK").s()));
    List<JsonNode> history = all("recipient=" + R);
    assertEquals(expected.stream().map(i -> i.get("entity").s() + "#" + i.get("sequence").n()).toList(), keys(history));
    List<String> actions = history.stream().map(e -> e.path("action").asText()).toList();
    for (String a : List.of("ombud.registered", "payout-account.change-requested", "payout-account.change-approved",
        "requisition.submitted", "requisition.payment-proposed", "requisition.paid", "report.submitted",
        "report.corrected", "invoice.issued", "credit-note.issued")) {
      assertTrue(actions.contains(a), a + " in " + actions);
    }
    for (int i = 1; i < history.size(); i++) {
      assertTrue(!Instant.parse(history.get(i).path("at").asText()).isBefore(Instant.parse(history.get(i - 1)
          .path("at").asText())), "in time order: " + history);
    }
    JsonNode paid = history.stream().filter(e -> e.path("action").asText().equals("requisition.paid")).findFirst()
        .orElseThrow();
    assertEquals("attestant-1", paid.path("actor").path("subject").asText(), "paid by the attestant's approval");
    assertEquals("\u2022\u2022\u2022-" + Scenario.bankgiro(orgnr).substring(4),
        paid.path("after").path("order").path("bankgiro").asText(), "the account masked in the trail");
  }

  @Test
  void filtersAndPagingLoseAndRepeatNothing() {
    List<JsonNode> everything = all("limit=1000");
    assertTrue(everything.size() > 40, "entries: " + everything.size());
    assertEquals(keys(everything), keys(all("limit=7")), "pages of 7 add up to the whole trail");
    List<JsonNode> invoices = all("entity=invoice/");
    assertTrue(!invoices.isEmpty() && invoices.stream().allMatch(e -> e.path("entity").asText().startsWith("invoice/")));
    List<JsonNode> byAttestant = all("actor=attestant-1");
    assertTrue(!byAttestant.isEmpty() && byAttestant.stream().allMatch(e -> e.path("actor").path("subject").asText()
        .equals("attestant-1")));
    List<JsonNode> march = all("from=2026-03-15T00:00:00%2B01:00&to=2026-03-31T00:00:00%2B02:00");
    assertTrue(!march.isEmpty() && march.stream().allMatch(e -> e.path("at").asText().startsWith("2026-03-2")), march.toString());
    assertEquals(400, s.http.get(G + "/audit?cursor=not-a-cursor", s.attestant).status());
    assertEquals(400, s.http.get(G + "/audit?limit=0", s.attestant).status());
    assertEquals(400, s.http.get(G + "/audit?from=yesterday", s.attestant).status());
    assertEquals(404, s.http.get(G + "/audit?recipient=kommun-9999", s.attestant).status());
    assertEquals(403, s.http.get(G + "/audit", s.ombud(s.orgnr(R))).status());
  }
}
