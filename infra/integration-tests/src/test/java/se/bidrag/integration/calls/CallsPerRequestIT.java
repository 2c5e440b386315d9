package se.bidrag.integration.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportingSteps;
import se.bidrag.json.Json;
import se.bidrag.local.CallLedger;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;

/**
 * How many AWS calls each route and job makes, counted by the local stack's call ledger (every
 * function's SDK clients), with DynamoDB's consumed capacity. Each HTTP route has an upper bound on
 * DynamoDB calls per request: a change that adds a call fails here, and the README's table says why
 * each number is what it is. The figures are printed for the README.
 */
@ExtendWith(LocalStackExtension.class)
class CallsPerRequestIT {
  static final String G = Scenario.GRANT;

  /** Upper bounds: DynamoDB calls per request (the most any one request made). */
  static final Map<String, Long> BOUNDS = new TreeMap<>(Map.ofEntries(
      Map.entry("PUT /grants/{grantId}/requisitions/{recipientId}", 6L),
      Map.entry("GET /grants/{grantId}/requisitions/{recipientId}", 4L),
      Map.entry("GET /grants/{grantId}/allocations/{recipientId}", 2L), // an environment's first also reads the grant's state
      Map.entry("GET /grants/{grantId}", 1L),
      Map.entry("GET /reports/form", 99L),
      Map.entry("POST /reports", 99L)));

  @Test
  void everyRouteStaysWithinItsBound(LocalRuntime runtime) {
    runtime.calls().clear();
    ReportingSteps steps = new ReportingSteps(runtime); // publishes the allocation, requisitions (PUT) and pays
    Scenario s = steps.s;
    String x = "kommun-0114";
    String ombud = s.ombud(s.orgnr(x));
    for (int i = 0; i < 3; i++) {
      assertEquals(200, s.http.get("/grants/" + G + "/allocations/" + x, ombud).status());
    }
    s.http.get("/grants/" + G, ombud);
    s.http.get("/grants/" + G + "/requisitions/" + x, ombud);

    Map<String, String> links = steps.dispatch();
    String token = ReportingSteps.token(steps.mailByRecipient().get(x));
    assertEquals(200, s.http.get("/reports/form?token=" + token, null).status(), "the form, as the link opens it");
    steps.submit(token, ReportingSteps.report(x, steps.received(x), 0));
    runtime.deliverQueues(Duration.ofSeconds(30));

    Map<String, CallLedger.Figures> figures = runtime.calls().byTrigger();
    StringBuilder table = new StringBuilder("| trigger | requests | DynamoDB calls (max per request) | other calls | RCU per request | WCU per request |\n|---|---:|---:|---|---:|---:|\n");
    figures.values().forEach(f -> table.append(String.format("| %s | %d | %d | %s | %.1f | %.1f |%n", f.trigger(),
        f.invocations(), f.maxDynamoDbCalls(), f.callsByService(), f.readUnits() / f.invocations(),
        f.writeUnits() / f.invocations())));
    System.out.println(table);
    List<String> over = new ArrayList<>();
    BOUNDS.forEach((route, bound) -> {
      CallLedger.Figures f = figures.get(route);
      assertTrue(f != null, route + " was not exercised: " + figures.keySet());
      if (f.maxDynamoDbCalls() > bound) {
        over.add(route + ": " + f.maxDynamoDbCalls() + " DynamoDB calls > bound " + bound);
      }
    });
    assertEquals(List.of(), over);
  }
}
