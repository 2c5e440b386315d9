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
import com.fasterxml.jackson.databind.JsonNode;
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
 * Authorisation as a table: every HTTP route of template.yaml × every kind of caller — the agency's
 * handläggare and attestant; tokens that say admin (retired), of a municipality and of the agency; an
 * agency token without the agency scope; an organisation's ombud, representant and uppgiftssamordnare
 * for their own organisation and for another. A refusal must be exactly 401 (no token) or 403 and
 * change nothing; an allowed call must not be refused (its answer may still be 404, 409, 412 or 422 for
 * the state or the body). So a 200 to the wrong organisation fails here, as does a route whose access
 * check comes after it looked at the body, and a municipality's admin token is 403 on every agency route.
 * P marks the one public route (the API's OpenAPI document): open to everyone, without a token too.
 */
@ExtendWith(LocalStackExtension.class)
class AuthorizationTableIT {
  static final String X = "kommun-0114"; // Upplands Väsby: the organisation "own" acts for
  static final String Y = "kommun-0180"; // Stockholm: the "other" organisation

  /**
   * Columns: handläggare, attestant (the agency); admin of the own municipality, admin of the agency, a
   * handläggare token without the agency scope (all no agency tokens); ombud, representant,
   * uppgiftssamordnare of the own organisation; the same of the other organisation.
   */
  static final String TABLE = """
      POST   /grants/{grantId}/allocations:publish                       A - - - -  - - -  - - -
      GET    /grants/{grantId}/allocations:diff                          A A - - -  - - -  - - -
      GET    /grants                                                     A A A A A  A A A  A A A
      GET    /grants/{grantId}                                           A A A A A  A A A  A A A
      GET    /grants/{grantId}/allocations                               A A A A A  A A A  A A A
      GET    /grants/{grantId}/allocations/{recipientId}                 A A A A A  A A A  A A A
      PUT    /grants/{grantId}/requisitions/{recipientId}                - - - - -  A A -  - - -
      GET    /grants/{grantId}/requisitions/{recipientId}                A A - - -  A A A  - - -
      DELETE /grants/{grantId}/requisitions/{recipientId}                - - - - -  A A -  - - -
      GET    /grants/{grantId}/requisitions                              A A - - -  - - -  - - -
      PUT    /organisations/{orgnr}/ombud                                A - - - -  - - -  - - -
      GET    /organisations/{orgnr}/ombud                                A A - - -  A A A  - - -
      GET    /organisations/{orgnr}/delegates                            A A - - -  A - -  - - -
      PUT    /organisations/{orgnr}/delegates/{subject}                  - - - - -  A - -  - - -
      DELETE /organisations/{orgnr}/delegates/{subject}                  - - - - -  A - -  - - -
      GET    /organisations/{orgnr}/payout-account                       A A - - -  A A A  - - -
      PUT    /organisations/{orgnr}/payout-account                       - - - - -  A - -  - - -
      POST   /organisations/{orgnr}/payout-account/approve               - A - - -  - - -  - - -
      POST   /organisations/{orgnr}/payout-account/reject                - A - - -  - - -  - - -
      POST   /grants/{grantId}/redistribution:preview                    A - - - -  - - -  - - -
      POST   /grants/{grantId}/redistribution:run                        A - - - -  - - -  - - -
      GET    /grants/{grantId}/redistribution                            A A - - -  - - -  - - -
      GET    /grants/{grantId}/payments                                  A A - - -  - - -  - - -
      POST   /grants/{grantId}/payouts:run                               A - - - -  - - -  - - -
      GET    /grants/{grantId}/payout-batches                            A A - - -  - - -  - - -
      GET    /grants/{grantId}/payout-batches/{batchId}                  A A - - -  - - -  - - -
      POST   /grants/{grantId}/payout-batches/{batchId}/approve          - A - - -  - - -  - - -
      POST   /grants/{grantId}/payout-batches/{batchId}/reject           - A - - -  - - -  - - -
      GET    /grants/{grantId}/payment-files                             A A - - -  - - -  - - -
      GET    /grants/{grantId}/payment-files/{runId}                     A A - - -  - - -  - - -
      GET    /email/suppressions                                         A A - - -  - - -  - - -
      DELETE /email/suppressions/{address}                               A - - - -  - - -  - - -
      GET    /grants/{grantId}/emails                                    A A - - -  - - -  - - -
      GET    /grants/{grantId}/reports                                   A A - - -  - - -  - - -
      POST   /grants/{grantId}/reports/{recipientId}/link-revocations    A - - - -  - - -  - - -
      POST   /grants/{grantId}/reports/{recipientId}/link-resends        A - - - -  - - -  - - -
      GET    /grants/{grantId}/invoices                                  A A - - -  - - -  - - -
      POST   /grants/{grantId}/recoveries                                A - - - -  - - -  - - -
      POST   /grants/{grantId}/recoveries/{proposalId}/approve           - A - - -  - - -  - - -
      POST   /grants/{grantId}/recoveries/{proposalId}/reject            - A - - -  - - -  - - -
      GET    /grants/{grantId}/non-reporters                             A A - - -  - - -  - - -
      GET    /invoices/{number}                                          A A - - -  A A A  - - -
      POST   /invoices/{number}/waivers                                  A - - - -  - - -  - - -
      POST   /invoices/{number}/waivers/{proposalId}/approve             - A - - -  - - -  - - -
      POST   /invoices/{number}/waivers/{proposalId}/reject              - A - - -  - - -  - - -
      GET    /grants/{grantId}/proposals                                 A A - - -  - - -  - - -
      GET    /grants/{grantId}/audit                                     A A - - -  - - -  - - -
      GET    /operations/dead-letters                                    A A - - -  - - -  - - -
      POST   /operations/dead-letters/{name}/redrive                     A - - - -  - - -  - - -
      GET    /reports/form                                               L L L L L  L L L  L L L
      POST   /reports                                                    L L L L L  L L L  L L L
      POST   /reports/link-requests                                      L L L L L  L L L  L L L
      GET    /openapi.yaml                                               P P P P P  P P P  P P P
      """;

  /** Bodies that an allowed caller gets refused for by state or validation, so that the table changes nothing. */
  static final Map<String, String> BODIES = Map.of(
      "PUT /grants/{grantId}/requisitions/{recipientId}", "FORM",
      "PUT /organisations/{orgnr}/ombud", "{}",
      "PUT /organisations/{orgnr}/delegates/{subject}", "{}",
      "PUT /organisations/{orgnr}/payout-account", "{\"bankgiro\": \"5050-1056\"}",
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
    people.add(new Who("handlaggare", s.handlaggare));
    people.add(new Who("attestant", s.attestant));
    people.add(new Who("admin@kommun", runtime.jwt().mint("admin-x", own, "admin", "Admin", Duration.ofHours(1))));
    people.add(new Who("admin@agency", runtime.jwt().mint("admin-a", Scenario.AGENCY, "admin", "Admin",
        Duration.ofHours(1))));
    people.add(new Who("noscope", runtime.jwt().mint("handlaggare-9", Scenario.AGENCY, "handlaggare", "Utan scope",
        Duration.ofHours(1))));
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
      s.account(orgnr);
    }
    s.requisition(X, s.allocation(X).path("total").asLong(), true);
    s.requisition(Y, s.allocation(Y).path("total").asLong(), true);
    // past the deadline: the redistribution and the daily payout fire; the attestant approves the batch,
    // so there are payments, a batch, a file, an invoice and proposals to ask for
    runtime.setClock(Instant.parse("2025-04-18T04:30:00Z"));
    assertEquals(1, s.approveBatches());
    runtime.deliverQueues(Duration.ofSeconds(60));
    JsonNode batch = s.http.get("/grants/" + Scenario.GRANT + "/payout-batches", s.handlaggare).json().path("batches")
        .get(0);
    Http.Response recovery = s.http.send("POST", "/grants/" + Scenario.GRANT + "/recoveries", s.handlaggare,
        Json.write(Json.object().put("recipientId", X).put("amount", 1000).put("reason", "Tabellprov")),
        Map.of("Idempotency-Key", "authorization-table"));
    assertEquals(201, recovery.status(), recovery.body());
    String proposalId = recovery.json().path("proposal").path("proposalId").asText();
    Http.Response issued = s.http.post(recovery.json().path("proposal").path("links").path("approve").asText(),
        s.attestant, null);
    assertEquals(201, issued.status(), issued.body());
    String invoice = issued.json().path("invoices").get(0).path("number").asText();
    runtime.deliverQueues(Duration.ofSeconds(60));

    Map<String, String> params = Map.of("grantId", Scenario.GRANT, "recipientId", X, "orgnr", own,
        "subject", "ingen-sadan-person", "runId", batch.path("batchId").asText(), "batchId",
        batch.path("batchId").asText(), "number", invoice, "address", "ingen@example.se", "proposalId", proposalId,
        "name", "IngenSadanKo");
    List<String> columns = List.of("handlaggare", "attestant", "admin@kommun", "admin@agency", "noscope", "ombud",
        "representant", "uppgiftssamordnare", "ombud'", "representant'", "uppgiftssamordnare'");

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
      boolean open = expected.values().stream().allMatch("P"::equals);
      if (open ? anonymous.status() >= 400 : anonymous.status() != 401) {
        wrong.add(route + " without a token: " + anonymous.status() + (open ? " (expected public)" : " (expected 401)"));
      }
      for (Who who : people) {
        String rule = expected.get(who.column());
        boolean mutates = !method.equals("GET");
        var before = mutates && !rule.equals("A") && !rule.equals("P") ? s.snapshot() : null;
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
            // the route's own throttle (RouteSettings, as API Gateway applies it) may answer first: also a refusal
            if (st != 401 && !(st == 429 && throttled(runtime, route))) {
              wrong.add(route + " as " + who.column() + ": " + st + " (expected 401: only the personal link opens it)");
            }
          }
          case "P" -> {
            // public (this API's own document): any caller, any token
            if (st >= 400 && !(st == 429 && throttled(runtime, route))) {
              wrong.add(route + " as " + who.column() + ": " + st + " (expected public)");
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
    assertTrue(calls > 500, "calls made: " + calls);
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
    if (route.endsWith("/payout-account/approve") || route.endsWith("/payout-account/reject")) {
      h.put("If-Match", "\"99\""); // an allowed caller gets 409 or 412: nothing changes
    }
    if (route.equals("POST /grants/{grantId}/recoveries") || route.equals("POST /invoices/{number}/waivers")) {
      h.put("Idempotency-Key", "authorization-table-" + route.hashCode());
    }
    return h;
  }

  /** Whether the template gives the route its own throttle (RouteSettings). */
  static boolean throttled(LocalRuntime runtime, String route) {
    for (LocalFunction f : runtime.functions().values()) {
      for (SamTemplate.Event e : f.definition().events()) {
        if (e.type().equals("HttpApi") && route.equals(String.valueOf(e.properties().get("Method")).toUpperCase(Locale.ROOT)
            + " " + e.properties().get("Path"))) {
          return e.properties().get("RouteSettings") != null;
        }
      }
    }
    return false;
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
