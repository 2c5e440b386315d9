package se.bidrag.integration.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalFunction;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.SamTemplate;
import se.bidrag.testkit.LocalStackExtension;

/**
 * Authorisation as a table: every HTTP route of template.yaml × every role (none, ombud, representant,
 * uppgiftssamordnare, the agency) × the caller's own organisation or another one. A refusal must be
 * exactly 401 (no token) or 403 and change nothing; an allowed call must not be refused (its answer
 * may still be 404, 409, 412 or 422 for the state or the body). So a 200 to the wrong organisation
 * fails here, as does a route whose access check comes after it looked at the body.
 */
@ExtendWith(LocalStackExtension.class)
class AuthorizationTableIT {
  static final String X = "kommun-0114"; // Upplands Väsby: the organisation "own" acts for
  static final String Y = "kommun-0180"; // Stockholm: the "other" organisation

  /** Columns: ombud, representant, uppgiftssamordnare, agency (own org); ombud, representant, uppgiftssamordnare (other org). */
  static final String TABLE = """
      POST   /grants/{grantId}/allocations:publish            - - - A  - - -
      GET    /grants/{grantId}                                A A A A  A A A
      GET    /grants/{grantId}/allocations                    A A A A  A A A
      GET    /grants/{grantId}/allocations/{recipientId}      A A A A  A A A
      PUT    /grants/{grantId}/requisitions/{recipientId}     A A - -  - - -
      GET    /grants/{grantId}/requisitions/{recipientId}     A A A A  - - -
      DELETE /grants/{grantId}/requisitions/{recipientId}     A A - -  - - -
      GET    /grants/{grantId}/requisitions                   - - - A  - - -
      PUT    /organisations/{orgnr}/ombud                     - - - A  - - -
      GET    /organisations/{orgnr}/ombud                     A A A A  - - -
      GET    /organisations/{orgnr}/delegates                 A - - A  - - -
      PUT    /organisations/{orgnr}/delegates/{subject}       A - - -  - - -
      DELETE /organisations/{orgnr}/delegates/{subject}       A - - -  - - -
      POST   /grants/{grantId}/redistribution:preview         - - - A  - - -
      POST   /grants/{grantId}/redistribution:run             - - - A  - - -
      GET    /grants/{grantId}/redistribution                 - - - A  - - -
      GET    /grants/{grantId}/payments                       - - - A  - - -
      POST   /grants/{grantId}/payouts:run                    - - - A  - - -
      GET    /grants/{grantId}/payment-files                  - - - A  - - -
      GET    /grants/{grantId}/payment-files/{runId}          - - - A  - - -
      GET    /email/suppressions                              - - - A  - - -
      DELETE /email/suppressions/{address}                    - - - A  - - -
      GET    /grants/{grantId}/emails                         - - - A  - - -
      GET    /grants/{grantId}/reports                        - - - A  - - -
      POST   /grants/{grantId}/reports/{recipientId}/link-revocations - - - A  - - -
      GET    /grants/{grantId}/invoices                       - - - A  - - -
      POST   /grants/{grantId}/recoveries                     - - - A  - - -
      GET    /grants/{grantId}/non-reporters                  - - - A  - - -
      GET    /invoices/{number}                               A A A A  - - -
      POST   /invoices/{number}/waivers                       - - - A  - - -
      GET    /reports/form                                    L L L L  L L L
      POST   /reports                                         L L L L  L L L
      POST   /reports/link-requests                           L L L L  L L L
      """;

  /** Bodies that an allowed caller gets refused for by state or validation, so that the table changes nothing. */
  static final Map<String, String> BODIES = Map.of(
      "PUT /grants/{grantId}/requisitions/{recipientId}", "FORM",
      "PUT /organisations/{orgnr}/ombud", "{}",
      "PUT /organisations/{orgnr}/delegates/{subject}", "{}",
      "POST /grants/{grantId}/recoveries", "{}",
      "POST /invoices/{number}/waivers", "{\"reason\": \"tabellprov\", \"amount\": -1}",
      "POST /reports", "{}");

  record Who(String column, String token) {}

  @Test
  void everyRouteAnswersEveryRoleAsTheTableSays(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime).published();
    String own = s.orgnr(X);
    String other = s.orgnr(Y);
    List<Who> people = new ArrayList<>();
    for (String orgnr : List.of(own, other)) {
      String ombud = s.ombud(orgnr);
      for (String role : List.of("representant", "uppgiftssamordnare")) {
        Http.Response r = s.http.send("PUT", "/organisations/" + orgnr + "/delegates/" + role + "-" + orgnr, ombud,
            Json.write(Json.object().put("role", role).put("name", role + " " + orgnr)), Map.of());
        assertEquals(201, r.status(), r.body());
      }
      String suffix = orgnr.equals(own) ? "" : "'";
      people.add(new Who("ombud" + suffix, ombud));
      people.add(new Who("representant" + suffix, s.token("representant-" + orgnr, orgnr, "representant")));
      people.add(new Who("uppgiftssamordnare" + suffix, s.token("uppgiftssamordnare-" + orgnr, orgnr,
          "uppgiftssamordnare")));
      if (orgnr.equals(own)) {
        people.add(new Who("agency", s.admin));
      }
    }
    s.requisition(X, s.allocation(X).path("total").asLong(), true);
    s.requisition(Y, s.allocation(Y).path("total").asLong(), true);
    // past the deadline: redistribution and payout fire, so there are payments, a file and an invoice to ask for
    runtime.setClock(Instant.parse("2025-04-18T04:30:00Z"));
    runtime.deliverQueues(Duration.ofSeconds(60));
    String runId = s.http.get("/grants/" + Scenario.GRANT + "/payment-files", s.admin).json().path("files").get(0)
        .path("runId").asText();
    Http.Response recovery = s.http.send("POST", "/grants/" + Scenario.GRANT + "/recoveries", s.admin,
        Json.write(Json.object().put("recipientId", X).put("amount", 1000).put("reason", "Tabellprov")),
        Map.of("Idempotency-Key", "authorization-table"));
    assertEquals(201, recovery.status(), recovery.body());
    String invoice = recovery.json().path("invoices").get(0).path("number").asText();
    runtime.deliverQueues(Duration.ofSeconds(60));

    Map<String, String> params = Map.of("grantId", Scenario.GRANT, "recipientId", X, "orgnr", own,
        "subject", "ingen-sadan-person", "runId", runId, "number", invoice, "address", "ingen@example.se");
    List<String> columns = List.of("ombud", "representant", "uppgiftssamordnare", "agency", "ombud'", "representant'",
        "uppgiftssamordnare'");

    Set<String> covered = new TreeSet<>();
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (String line : TABLE.strip().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      String method = cells[0];
      String template = cells[1];
      String route = method + " " + template;
      covered.add(route);
      Map<String, String> expected = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        expected.put(columns.get(i), cells[2 + i]);
      }
      String path = template;
      for (var p : params.entrySet()) {
        path = path.replace("{" + p.getKey() + "}", p.getValue());
      }
      String body = body(s, route);
      Map<String, String> headers = headers(route);

      calls++;
      Http.Response anonymous = s.http.send(method, path, null, body, headers);
      if (anonymous.status() != 401) {
        wrong.add(route + " without a token: " + anonymous.status() + " (expected 401)");
      }
      for (Who who : people) {
        String rule = expected.get(who.column());
        boolean mutates = !method.equals("GET");
        var before = mutates && !rule.equals("A") ? s.snapshot() : null;
        Http.Response r = s.http.send(method, path, who.token(), body, headers);
        calls++;
        int st = r.status();
        switch (rule) {
          case "A" -> {
            if (st == 401 || st == 403 || st >= 500) {
              wrong.add(route + " as " + who.column() + ": " + st + " (expected allowed) " + r.body());
            }
          }
          case "-" -> {
            if (st != 403) {
              wrong.add(route + " as " + who.column() + ": " + st + " (expected 403) " + r.body());
            }
          }
          case "L" -> {
            if (st != 401) {
              wrong.add(route + " as " + who.column() + ": " + st + " (expected 401: only the personal link opens it)");
            }
          }
          default -> throw new IllegalStateException("unknown cell " + rule + " in " + line);
        }
        if (before != null) {
          Scenario.assertUnchanged(before, s.snapshot(), route + " refused for " + who.column());
        }
      }
    }
    assertEquals(List.of(), wrong, "answers that differ from the table");
    assertEquals(templateRoutes(runtime), covered, "the table covers exactly the template's routes");
    assertTrue(calls > 200, "calls made: " + calls);
  }

  static String body(Scenario s, String route) {
    String b = BODIES.get(route);
    if ("FORM".equals(b)) {
      return Json.write(s.form(1000, true));
    }
    return b;
  }

  static Map<String, String> headers(String route) {
    Map<String, String> h = new LinkedHashMap<>();
    if (route.startsWith("PUT /grants") || route.startsWith("DELETE /grants")) {
      h.put("If-Match", "\"99\""); // an allowed caller gets 412 or 409: nothing changes
    }
    if (route.startsWith("POST /grants/{grantId}/recoveries") || route.startsWith("POST /invoices")) {
      h.put("Idempotency-Key", "authorization-table-" + route.hashCode());
    }
    return h;
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
