package se.bidrag.integration.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportingSteps;
import se.bidrag.json.Json;
import se.bidrag.local.CallLedger;
import se.bidrag.local.Http;
import se.bidrag.local.LocalFunction;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.SamTemplate;
import se.bidrag.testkit.LocalStackExtension;

/**
 * How many AWS calls each route and job makes, counted by the local stack's call ledger (every
 * function's SDK clients), with DynamoDB's consumed capacity. Every HTTP route of the template has an
 * upper bound on DynamoDB calls per request, asserted over a year's worth of calls to it: a change that
 * adds a call fails here. The table is printed for the README.
 */
@ExtendWith(LocalStackExtension.class)
class CallsPerRequestIT {
  static final String G = Scenario.GRANT;
  static final String REASON = Json.write(Json.object().put("reason", "Underlaget räcker inte."));

  /** Upper bounds: the most DynamoDB calls any one request of the route may make. */
  static final Map<String, Long> BOUNDS = new TreeMap<>(Map.ofEntries(
      Map.entry("POST /grants/{grantId}/allocations:publish", 6L),
      Map.entry("GET /grants/{grantId}/allocations:diff", 2L),
      Map.entry("GET /grants", 1L), // the uploaded grants' list, at most once a minute per function environment
      Map.entry("GET /grants/{grantId}", 1L),
      Map.entry("GET /grants/{grantId}/allocations", 2L),
      Map.entry("GET /grants/{grantId}/allocations/{recipientId}", 2L),
      Map.entry("PUT /grants/{grantId}/requisitions/{recipientId}", 2L),
      Map.entry("GET /grants/{grantId}/requisitions/{recipientId}", 1L),
      Map.entry("DELETE /grants/{grantId}/requisitions/{recipientId}", 2L),
      Map.entry("GET /grants/{grantId}/requisitions", 3L),
      Map.entry("PUT /organisations/{orgnr}/ombud", 2L),
      Map.entry("GET /organisations/{orgnr}/ombud", 2L),
      Map.entry("GET /organisations/{orgnr}/delegates", 2L),
      Map.entry("PUT /organisations/{orgnr}/delegates/{subject}", 3L),
      Map.entry("DELETE /organisations/{orgnr}/delegates/{subject}", 3L),
      Map.entry("POST /grants/{grantId}/redistribution:preview", 2L),
      Map.entry("POST /grants/{grantId}/redistribution:run", 2L), // recorded: its header, then the decision
      Map.entry("GET /grants/{grantId}/redistribution", 1L),
      Map.entry("GET /grants/{grantId}/payments", 4L),
      Map.entry("POST /grants/{grantId}/payouts:run", 21L),
      Map.entry("GET /grants/{grantId}/payment-files", 1L),
      Map.entry("GET /grants/{grantId}/payment-files/{runId}", 1L),
      Map.entry("GET /email/suppressions", 1L),
      Map.entry("DELETE /email/suppressions/{address}", 1L),
      Map.entry("GET /grants/{grantId}/emails", 1L),
      Map.entry("GET /grants/{grantId}/reports", 4L),
      Map.entry("GET /reports/form", 4L),
      Map.entry("POST /reports", 9L),
      Map.entry("POST /reports/link-requests", 4L),
      Map.entry("GET /grants/{grantId}/audit", 2L),
      Map.entry("GET /grants/{grantId}/proposals", 2L),
      Map.entry("POST /invoices/{number}/waivers/{proposalId}/reject", 3L),
      Map.entry("POST /invoices/{number}/waivers/{proposalId}/approve", 10L),
      Map.entry("POST /grants/{grantId}/recoveries/{proposalId}/reject", 2L),
      Map.entry("POST /grants/{grantId}/recoveries/{proposalId}/approve", 9L),
      Map.entry("POST /grants/{grantId}/payout-batches/{batchId}/reject", 9L),
      Map.entry("POST /grants/{grantId}/payout-batches/{batchId}/approve", 26L),
      Map.entry("GET /grants/{grantId}/payout-batches/{batchId}", 2L),
      Map.entry("GET /grants/{grantId}/payout-batches", 1L),
      Map.entry("POST /organisations/{orgnr}/payout-account/reject", 3L),
      // + the ombud: who registered it does not approve its account; + the uploaded grants' list (the letter names the
      // organisation's grants), read at most once a minute per function environment (GrantCatalogs); + per other grant
      // the jobs run for, its recipients (until its allocation is published) or the organisation's requisition in it
      Map.entry("POST /organisations/{orgnr}/payout-account/approve", 7L),
      Map.entry("PUT /organisations/{orgnr}/payout-account", 5L),
      Map.entry("GET /organisations/{orgnr}/payout-account", 2L),
      Map.entry("POST /grants/{grantId}/reports/{recipientId}/link-revocations", 4L),
      Map.entry("POST /grants/{grantId}/reports/{recipientId}/link-resends", 5L),
      Map.entry("GET /operations/dead-letters", 6L),
      Map.entry("POST /operations/dead-letters/{name}/redrive", 4L),
      Map.entry("GET /grants/{grantId}/invoices", 1L),
      Map.entry("POST /grants/{grantId}/recoveries", 5L),
      Map.entry("GET /grants/{grantId}/non-reporters", 1L),
      Map.entry("GET /invoices/{number}", 2L),
      Map.entry("POST /invoices/{number}/waivers", 4L),
      Map.entry("GET /openapi.yaml", 0L)));

  @Test
  void everyRouteStaysWithinItsBound(LocalRuntime runtime) {
    ReportingSteps steps = new ReportingSteps(runtime); // publishes, requisitions six recipients, pays them
    Scenario s = steps.s;
    String x = "kommun-0114";
    String orgnr = s.orgnr(x);
    String ombud = s.ombud(orgnr);
    String admin = s.handlaggare;
    String attestant = s.attestant;
    // in the requisition period: a requisition filed and withdrawn, a representative invited and removed
    String other = "kommun-0117";
    s.requisition(other, 1000, true);
    // an account change the attestant rejects; a batch the attestant rejects
    String third = "kommun-0120";
    s.requisition(third, 1000, true);
    s.account(s.orgnr(third));
    ok(s.http.get("/organisations/" + s.orgnr(third) + "/payout-account", s.ombud(s.orgnr(third))));
    var change = ok(s.http.send("PUT", "/organisations/" + s.orgnr(third) + "/payout-account", s.ombud(s.orgnr(third)),
        Json.write(Json.object().put("bankgiro", "5050-1055")), Map.of()));
    ok(s.http.send("POST", "/organisations/" + s.orgnr(third) + "/payout-account/reject", attestant,
        Json.write(Json.object().put("reason", "Kontot kunde inte styrkas")),
        Map.of("If-Match", "\"" + change.json().path("version").asLong() + "\"")));
    String batch = s.runPayout().path("runId").asText();
    ok(s.http.get("/grants/" + G + "/payout-batches/" + batch, admin));
    ok(s.http.send("POST", "/grants/" + G + "/payout-batches/" + batch + "/reject", attestant, REASON, Map.of()));
    ok(s.http.send("DELETE", s.path(other), s.ombud(s.orgnr(other)), null, Map.of("If-Match", "\"1\"")));
    ok(s.http.send("PUT", "/organisations/" + orgnr + "/delegates/rep-1", ombud,
        Json.write(Json.object().put("role", "representant").put("name", "Rep Ett")), Map.of()));
    ok(s.http.get("/organisations/" + orgnr + "/delegates", ombud));
    ok(s.http.send("DELETE", "/organisations/" + orgnr + "/delegates/rep-1", ombud, null, Map.of()));
    ok(s.http.get("/organisations/" + orgnr + "/ombud", ombud));
    ok(s.http.get("/grants", ombud));
    ok(s.http.get("/grants/" + G, ombud));
    ok(s.http.get("/grants/" + G + "/allocations/" + x, ombud));
    ok(s.http.get("/grants/" + G + "/allocations:diff", admin));
    ok(s.http.get(s.path(x), ombud));
    ok(s.http.get("/grants/" + G + "/requisitions", admin));

    // the year goes on: redistribution, links; a report with unspent money, so an invoice follows
    Map<String, String> tokens = steps.dispatch();
    ok(s.http.send("POST", "/grants/" + G + "/redistribution:preview", admin, null, Map.of()));
    ok(s.http.send("POST", "/grants/" + G + "/redistribution:run", admin, null, Map.of()));
    ok(s.http.get("/grants/" + G + "/redistribution", admin));
    ok(steps.form(tokens.get(x)));
    ok(steps.submit(tokens.get(x), ReportingSteps.report(x, steps.received(x) - 5000, 5000)));
    runtime.deliverQueues(Duration.ofSeconds(30));
    s.runPayout();
    s.approveBatches();
    runtime.deliverQueues(Duration.ofSeconds(30));
    ok(s.http.get("/grants/" + G + "/payments", admin));
    String runId = ok(s.http.get("/grants/" + G + "/payment-files", admin)).json().path("files").get(0)
        .path("runId").asText();
    ok(s.http.get("/grants/" + G + "/payment-files/" + runId, admin));
    ok(s.http.get("/email/suppressions", admin));
    s.http.send("DELETE", "/email/suppressions/ingen@example.se", admin, null, Map.of()); // 404: none to lift
    ok(s.http.get("/grants/" + G + "/emails", admin));
    ok(s.http.get("/grants/" + G + "/reports", admin));
    String invoice = ok(s.http.get("/grants/" + G + "/invoices", admin)).json().path("invoices").get(0)
        .path("number").asText();
    ok(s.http.get("/invoices/" + invoice, ombud));
    for (String decision : new String[] {"approve", "reject"}) {
      var recovery = ok(s.http.send("POST", "/grants/" + G + "/recoveries", admin, Json.write(Json.object()
          .put("recipientId", "region-18").put("amount", 1000).put("reason", "Återkrav, prov")),
          Map.of("Idempotency-Key", "calls-recovery-" + decision)));
      String body = decision.equals("reject") ? REASON : null;
      ok(s.http.send("POST", recovery.json().path("proposal").path("links").path(decision).asText(), attestant, body,
          Map.of()));
      var waiver = ok(s.http.send("POST", "/invoices/" + invoice + "/waivers", admin, Json.write(Json.object()
          .put("reason", "Eftergift, prov").put("amount", 100)), Map.of("Idempotency-Key", "calls-waiver-" + decision)));
      ok(s.http.send("POST", waiver.json().path("proposal").path("links").path(decision).asText(), attestant, body,
          Map.of()));
    }
    runtime.deliverQueues(Duration.ofSeconds(30));
    ok(s.http.get("/grants/" + G + "/proposals", admin));
    ok(s.http.get("/grants/" + G + "/audit?recipientId=" + x, admin));
    ok(s.http.post("/reports/link-requests", tokens.get("region-18"), null));
    ok(s.http.post("/grants/" + G + "/reports/region-09/link-revocations", admin, null));
    ok(s.http.post("/grants/" + G + "/reports/region-09/link-resends", admin, null));
    ok(s.http.get("/operations/dead-letters", admin));
    ok(s.http.post("/operations/dead-letters/EmailDeadLetterQueue/redrive", admin, null));
    runtime.setClock(ReportingSteps.AFTER_DEADLINE.plusSeconds(3600));
    runtime.deliverQueues(Duration.ofSeconds(30));
    ok(s.http.get("/grants/" + G + "/non-reporters", admin));
    ok(s.http.get("/openapi.yaml", null));

    Map<String, CallLedger.Figures> figures = runtime.calls().byTrigger();
    System.out.println(table(figures));
    List<String> wrong = new ArrayList<>();
    Set<String> routes = templateRoutes(runtime);
    assertEquals(routes, BOUNDS.keySet(), "every route of the template has a bound");
    BOUNDS.forEach((route, bound) -> {
      CallLedger.Figures f = figures.get(route);
      if (f == null) {
        wrong.add(route + " was not called");
      } else if (f.maxDynamoDbCalls() > bound) {
        wrong.add(route + ": " + f.maxDynamoDbCalls() + " DynamoDB calls in one request > bound " + bound);
      }
    });
    assertEquals(List.of(), wrong);
  }

  static Http.Response ok(Http.Response r) {
    if (r.status() >= 300) {
      throw new AssertionError(r.status() + " " + r.body());
    }
    return r;
  }

  /** The README's table: per trigger, requests, DynamoDB calls per request (mean and most), other calls, capacity. */
  static String table(Map<String, CallLedger.Figures> figures) {
    StringBuilder t = new StringBuilder("| trigger | invocations | DynamoDB calls per invocation (mean / most) "
        + "| other AWS calls per invocation | RCU per invocation | WCU per invocation |\n|---|---:|---:|---|---:|---:|\n");
    figures.values().forEach(f -> {
      long db = f.callsByService().getOrDefault("DynamoDb", 0L);
      StringBuilder others = new StringBuilder();
      f.callsByService().forEach((svc, n) -> {
        if (!svc.equals("DynamoDb")) {
          others.append(others.length() == 0 ? "" : ", ").append(svc).append(' ')
              .append(String.format(Locale.ROOT, "%.1f", f.perInvocation(n)));
        }
      });
      t.append(String.format(Locale.ROOT, "| `%s` | %d | %.1f / %d | %s | %.1f | %.1f |%n", f.trigger(), f.invocations(),
          f.perInvocation(db), f.maxDynamoDbCalls(), others.length() == 0 ? "-" : others, f.readUnits() / f.invocations(),
          f.writeUnits() / f.invocations()));
    });
    return t.toString();
  }

  static Set<String> templateRoutes(LocalRuntime runtime) {
    Set<String> routes = new TreeSet<>();
    for (LocalFunction f : runtime.functions().values()) {
      for (SamTemplate.Event e : f.definition().events()) {
        if (e.type().equals("HttpApi")) {
          routes.add(String.valueOf(e.properties().get("Method")).toUpperCase(Locale.ROOT) + " " + e.properties().get("Path"));
        }
      }
    }
    return routes;
  }
}
