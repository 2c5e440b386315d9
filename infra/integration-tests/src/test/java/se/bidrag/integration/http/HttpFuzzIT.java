package se.bidrag.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.bidrag.integration.http.FuzzBodies.pick;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import se.bidrag.json.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import se.bidrag.local.Http;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportingSteps;

/**
 * Bad input, property-based: random and boundary requests to every route of template.yaml's API —
 * path values, methods, tokens (none, expired, foreign key, unsigned, odd claims, the wrong
 * organisation), headers (Content-Type, Accept, Idempotency-Key, If-Match) and bodies (malformed,
 * deeply nested, oversized, valid bodies with one field broken). Whatever arrives: never a 5xx, never a
 * stack trace in the answer, a problem+json body on a 4xx from the functions (naming the field on bad
 * input: 400, 415, 422), and no write at all on a rejected request or a GET (the whole table compared
 * before and after).
 */
class HttpFuzzIT {
  private static final String GRANT = Scenario.GRANT;
  private static final String RECIPIENT = "kommun-0114";
  private static final String OTHER = "region-18";
  private static final Pattern STACK_TRACE = Pattern.compile(
      "Exception|\\tat |\\bat (se|java|com|software|org)\\.|java\\.lang|software\\.amazon|com\\.fasterxml|Caused by");

  /** The state the requests meet: in the requisition period, or in the reporting year with an invoice. */
  enum World { REQUISITION_PERIOD, REPORTING_YEAR }

  /** A route of the API as template.yaml declares it. */
  record Route(String method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  enum TokenKind { RIGHT, NONE, HANDLAGGARE, ATTESTANT, OMBUD, OTHER_OMBUD, REPRESENTANT, SAMORDNARE, EXPIRED,
    FOREIGN_KEY, UNSIGNED, GARBAGE, NO_ORGNR, ODD_ROLE, ODD_ORGNR, NO_SCOPE, NOT_BEARER }

  enum BodyKind { NONE, EMPTY, VALID, BROKEN_FIELD, MISSING_FIELD, UNKNOWN_FIELD, WRONG_ROOT, MALFORMED, DEEP,
    OVERSIZED, RANDOM_JSON, TEXT }

  private static final List<Route> ROUTES = SamTemplate.load(ProjectPaths.root().resolve("template.yaml")).functions()
      .stream().flatMap(f -> f.events().stream()).filter(e -> e.type().equals("HttpApi"))
      .map(e -> new Route(String.valueOf(e.properties().get("Method")), String.valueOf(e.properties().get("Path"))))
      .distinct().sorted(java.util.Comparator.comparing(Route::toString)).toList();

  private static World current;
  private static Scenario scenario;
  private static final Map<String, String> reportLinks = new LinkedHashMap<>();
  private static String runId;
  private static Map<String, Map<String, AttributeValue>> snapshot;

  @AfterContainer
  static void leaveClean() {
    current = null;
  }

  @Property(tries = 260, shrinking = ShrinkingMode.OFF, seed = "20250417")
  void inTheRequisitionPeriodNoRequestBreaksOrChangesAnythingWhenRefused(@ForAll("routes") Route route,
      @ForAll("tokens") TokenKind token, @ForAll("bodies") BodyKind body, @ForAll("seeds") long seed) {
    check(World.REQUISITION_PERIOD, route, token, body, seed);
  }

  @Property(tries = 260, shrinking = ShrinkingMode.OFF, seed = "20260331")
  void inTheReportingYearNoRequestBreaksOrChangesAnythingWhenRefused(@ForAll("routes") Route route,
      @ForAll("tokens") TokenKind token, @ForAll("bodies") BodyKind body, @ForAll("seeds") long seed) {
    check(World.REPORTING_YEAR, route, token, body, seed);
  }

  @Property(tries = 1)
  void everyRouteOfTheTemplateIsFuzzed() {
    assertEquals(53, ROUTES.size(), "the API's routes: " + ROUTES);
  }

  @Provide
  Arbitrary<Route> routes() {
    return Arbitraries.of(ROUTES);
  }

  /** Mostly tokens that pass the authorizer, so that the functions' own checks are what is fuzzed. */
  @Provide
  Arbitrary<TokenKind> tokens() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.just(TokenKind.RIGHT)),
        net.jqwik.api.Tuple.of(3, Arbitraries.just(TokenKind.HANDLAGGARE)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(TokenKind.ATTESTANT)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(TokenKind.OMBUD)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(TokenKind.OTHER_OMBUD)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(TokenKind.REPRESENTANT)),
        net.jqwik.api.Tuple.of(9, Arbitraries.of(TokenKind.values())));
  }

  /** Mostly bodies close to valid ones, so that the validation is what is fuzzed. */
  @Provide
  Arbitrary<BodyKind> bodies() {
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just(BodyKind.VALID)),
        net.jqwik.api.Tuple.of(4, Arbitraries.just(BodyKind.BROKEN_FIELD)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(BodyKind.MISSING_FIELD)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(BodyKind.UNKNOWN_FIELD)),
        net.jqwik.api.Tuple.of(6, Arbitraries.of(BodyKind.values())));
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  // ---------------------------------------------------------------- one request

  private static void check(World world, Route route, TokenKind tokenKind, BodyKind bodyKind, long seed) {
    enter(world);
    Random random = new Random(seed);
    String method = random.nextInt(10) == 0 ? pick(random, "GET", "POST", "PUT", "DELETE", "PATCH") : route.method();
    String path = path(route, random) + query(route, random);
    Map<String, String> headers = headers(random);
    String token = tokenKind == TokenKind.RIGHT ? rightToken(route) : token(tokenKind, random);
    String body = body(route, path, bodyKind, random);
    if (tokenKind == TokenKind.NOT_BEARER) {
      headers.put("Authorization", pick(random, "Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer  ",
          token(TokenKind.HANDLAGGARE, random)));
      token = null;
    }
    if (body != null && !headers.containsKey("Content-Type")) {
      headers.put("Content-Type", "application/json");
    }
    String request = method + " " + path + " token=" + tokenKind + " body=" + bodyKind + " headers=" + headers
        + (body == null ? "" : " " + abbreviate(body));

    Http.Response response = scenario.http.send(method, path, token, body, headers);

    String answer = response.body();
    Statistics.label("status").collect(response.status());
    assertTrue(response.status() < 500, () -> "5xx for " + request + ": " + response.status() + " " + answer);
    assertFalse(STACK_TRACE.matcher(answer).find(), () -> "internals in the answer to " + request + ": " + answer);
    String contentType = String.valueOf(response.header("Content-Type"));
    if (response.status() >= 400 && contentType.startsWith("application/problem+json")) {
      JsonNode problem = response.json();
      assertEquals(response.status(), problem.path("status").asInt(), () -> "problem status for " + request + ": " + answer);
      assertTrue(problem.path("title").isTextual() && problem.path("detail").isTextual(),
          () -> "problem without title/detail for " + request + ": " + answer);
      if (response.status() == 400 || response.status() == 415 || response.status() == 422) {
        assertTrue(problem.path("errors").path(0).path("field").isTextual(),
            () -> "bad input without the field named, for " + request + ": " + answer);
      }
    } else if (response.status() >= 400) {
      // only API Gateway's own answers (no route, no or bad token, a token without the route's scope, body too
      // large, throttled) are not problem+json
      assertTrue(response.status() == 401 || response.status() == 403 && answer.equals("{\"message\":\"Forbidden\"}")
          || response.status() == 404 || response.status() == 413 || response.status() == 429,
          () -> "a function refused without problem+json: " + request + ": " + response.status() + " " + answer);
    }
    boolean mayWrite = response.status() < 400 && !method.equals("GET");
    Map<String, Map<String, AttributeValue>> after = scenario.snapshot();
    if (!mayWrite) {
      Scenario.assertUnchanged(snapshot, after, (response.status() >= 400 ? "refused (" + response.status() + ") "
          : "read ") + request);
    }
    snapshot = after;
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "… (" + s.length() + " chars)" : s;
  }

  // ---------------------------------------------------------------- the world the requests meet

  private static void enter(World world) {
    if (world == current) {
      return;
    }
    LocalRuntime runtime = LocalStackExtension.shared();
    LocalStackExtension.FAULTS.disarm();
    runtime.reset(LocalStackExtension.START);
    reportLinks.clear();
    runId = null;
    if (world == World.REQUISITION_PERIOD) {
      scenario = new Scenario(runtime).published();
      scenario.requisition(RECIPIENT, 100_000, true);
      assertEquals(201, scenario.http.send("PUT", "/organisations/" + scenario.orgnr(RECIPIENT) + "/delegates/rep-1",
          scenario.ombud(scenario.orgnr(RECIPIENT)), Json.write(Json.object().put("role", "representant")
              .put("name", "Rep Ett")), Map.of()).status());
    } else {
      ReportingSteps steps = new ReportingSteps(runtime);
      scenario = steps.s;
      reportLinks.putAll(steps.dispatch());
      long received = steps.received(RECIPIENT);
      Http.Response report = steps.submit(reportLinks.get(RECIPIENT),
          ReportingSteps.report(RECIPIENT, received - 25_000, 25_000));
      assertEquals(201, report.status(), report.body());
      runtime.deliverQueues(Duration.ofSeconds(30));
      runtime.setClock(Instant.parse("2026-03-02T09:00:00Z"));
      runtime.deliverQueues(Duration.ofSeconds(30));
      JsonNode files = scenario.http.get("/grants/" + GRANT + "/payment-files", scenario.handlaggare).json();
      runId = files.path("files").path(0).path("runId").asText(null);
    }
    scenario.ombud(scenario.orgnr(RECIPIENT)); // registered before the first snapshot: tokens are minted per request
    scenario.ombud(scenario.orgnr(OTHER));
    current = world;
    snapshot = scenario.snapshot();
  }

  // ---------------------------------------------------------------- the request's parts

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String path(Route route, Random random) {
    StringBuilder sb = new StringBuilder();
    for (String segment : route.path().substring(1).split("/")) {
      sb.append('/');
      int open = segment.indexOf('{');
      if (open < 0) {
        sb.append(segment);
        continue;
      }
      int close = segment.indexOf('}');
      String name = segment.substring(open + 1, close);
      sb.append(segment, 0, open).append(encode(value(name, random))).append(segment.substring(close + 1));
    }
    return sb.toString();
  }

  /** A path parameter: mostly one that exists, else a boundary or hostile value. */
  private static String value(String name, Random random) {
    if (random.nextInt(3) > 0) {
      String real = switch (name) {
        case "grantId" -> GRANT;
        case "recipientId" -> pick(random, RECIPIENT, RECIPIENT, OTHER, "kommun-0115");
        case "orgnr" -> pick(random, scenario.orgnr(RECIPIENT), scenario.orgnr(OTHER), Scenario.AGENCY);
        case "subject" -> pick(random, "rep-1", "ombud-" + scenario.orgnr(RECIPIENT), "ny-person");
        case "runId", "batchId" -> runId == null ? "20250303T080000-00000" : runId;
        case "proposalId" -> pick(random, "rec-000000000000", "wai-000000000000", "ingen");
        case "number" -> pick(random, "2026000001", "2026000002", "2025000001");
        case "address" -> pick(random, "registrator@kommun-0114.example.se", "bounce@simulator.amazonses.com");
        case "name" -> pick(random, "IngenSadanKo", "ScheduledJobFailureQueue", "EmailDeadLetterQueue");
        default -> throw new IllegalArgumentException(name);
      };
      return real;
    }
    return pick(random, "", " ", "0", "-1", "9999999999999999999999", "kommun-9999", "region-00", "KOMMUN-0114",
        "kommun-0114 ", "..", "../..", "%00", "\u0000", "Åre kommun", "ö/ä", "'; DROP TABLE x; --", "<script>",
        "${jndi:ldap://x}", "null", "undefined", "true", "{}", "2026000001.5", "2026000001\n", "a".repeat(2000),
        "\uD83D\uDE00", "212000-0142", "1e9", "0x10");
  }

  private static String query(Route route, Random random) {
    boolean reports = route.path().startsWith("/reports");
    int choice = random.nextInt(reports ? 6 : 8);
    String link = reportLinks.isEmpty() ? "x" : pick(random, reportLinks.values().toArray(String[]::new));
    return switch (choice) {
      case 0, 1 -> reports ? "?token=" + link : "";
      case 2 -> reports ? "?token=" + link.substring(0, Math.max(0, link.length() - 2)) + "xy" : "?format=csv";
      case 3 -> "?token=" + encode(pick(random, "", "null", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", "x".repeat(5000)));
      case 4 -> "?token=" + link + "&token=" + link;
      case 5 -> "?" + encode(pick(random, "format", "limit", "status", "from", "part", "cursor")) + "=" + encode(value("recipientId", random));
      default -> "";
    };
  }

  private static Map<String, String> headers(Random random) {
    Map<String, String> h = new LinkedHashMap<>();
    if (random.nextBoolean()) {
      h.put("Content-Type", pick(random, "application/json", "application/json; charset=utf-8", "text/plain",
          "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "garbage", "",
          "application/json; charset=latin1", "APPLICATION/JSON"));
    }
    if (random.nextBoolean()) {
      h.put("Idempotency-Key", pick(random, "k-" + random.nextInt(4), "", " ", "ö", "a".repeat(300), "{}",
          "key with spaces", "\t"));
    }
    if (random.nextInt(3) == 0) {
      h.put("If-Match", pick(random, "1", "\"1\"", "\"2\"", "W/\"1\"", "*", "-1", "abc", "\"\"", "9".repeat(40),
          "\"1\", \"2\""));
    }
    if (random.nextInt(3) == 0) {
      h.put("Accept", pick(random, "application/json", "application/pdf", "application/xml", "text/csv", "*/*",
          "garbage", "text/html", "application/problem+json", "application/json;q=0, application/pdf;q=0"));
    }
    if (random.nextInt(8) == 0) {
      h.put(pick(random, "X-Forwarded-For", "Origin", "X-Amzn-Trace-Id", "Cookie"), pick(random, "1.2.3.4", "null", "a=b"));
    }
    return h;
  }

  /**
   * The token of the person the route is for: the recipient's ombud on its own routes, an attestant on
   * the routes that approve and reject, else a handläggare.
   */
  private static String rightToken(Route route) {
    String p = route.path();
    if (p.startsWith("/reports")) {
      return reportLinks.getOrDefault(RECIPIENT, "x"); // the personal link's token, in the Authorization header
    }
    if (p.endsWith("/approve") || p.endsWith("/reject")) {
      return scenario.attestant;
    }
    boolean organisation = p.contains("/requisitions/{") || p.contains("/delegates") || p.endsWith("/payout-account")
        || (p.endsWith("/ombud") && route.method().equals("GET")) || p.equals("/invoices/{number}");
    return organisation ? scenario.ombud(scenario.orgnr(RECIPIENT)) : scenario.handlaggare;
  }

  private static String token(TokenKind kind, Random random) {
    String orgnr = scenario.orgnr(RECIPIENT);
    LocalJwt jwt = scenario.runtime.jwt();
    return switch (kind) {
      case NONE, NOT_BEARER, RIGHT -> null;
      case HANDLAGGARE -> scenario.handlaggare;
      case ATTESTANT -> scenario.attestant;
      case NO_SCOPE -> jwt.mint("handlaggare-1", Scenario.AGENCY, pick(random, "handlaggare", "attestant"), "H",
          Duration.ofHours(1));
      case OMBUD -> scenario.ombud(orgnr);
      case OTHER_OMBUD -> scenario.ombud(scenario.orgnr(OTHER));
      case REPRESENTANT -> scenario.token("rep-1", orgnr, "representant");
      case SAMORDNARE -> scenario.token("sam-9", orgnr, "uppgiftssamordnare");
      case EXPIRED -> jwt.mint("ombud-" + orgnr, orgnr, "ombud", "Ombud", Duration.ofSeconds(-60));
      case FOREIGN_KEY -> FOREIGN.mintAgency("handlaggare-1", Scenario.AGENCY, List.of("handlaggare", "attestant"),
          "Handläggare", Duration.ofHours(1));
      case UNSIGNED -> "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
          ("{\"iss\":\"" + LocalJwt.ISSUER + "\",\"aud\":\"bidrag\",\"sub\":\"x\",\"orgnr\":\"" + Scenario.AGENCY
              + "\",\"roles\":[\"handlaggare\"],\"scope\":\"bidrag/agency\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")
              .getBytes(StandardCharsets.UTF_8)) + ".";
      case GARBAGE -> pick(random, "x", "a.b.c", "", "null", "Bearer x", "\u00e5\u00e4\u00f6");
      case NO_ORGNR -> jwt.mint("anon", null, "ombud", null, Duration.ofHours(1));
      case ODD_ROLE -> scenario.token("odd", orgnr, pick(random, "superuser", "", "ADMIN", "admin ombud", "null", "admin",
          "system", "reporter", "handlaggare attestant"));
      case ODD_ORGNR -> jwt.sign(new JWTClaimsSet.Builder().issuer(LocalJwt.ISSUER).audience(LocalJwt.AUDIENCE)
          .subject("odd").expirationTime(Date.from(Instant.now().plusSeconds(600)))
          .claim("orgnr", pick(random, "", "12", "2021000555 ", "<x>", "kommun-0114", "-1"))
          .claim("role", pick(random, "ombud", "admin", "representant", "handlaggare")).claim("scope", "bidrag/agency")
          .build());
    };
  }

  private static final LocalJwt FOREIGN = LocalJwt.ephemeral();

  private static String body(Route route, String path, BodyKind kind, Random random) {
    return FuzzBodies.body(validBody(route, path, random), kind, random);
  }

  /** A body the route accepts, in the world's state (the starting point of the mutations). */
  private static ObjectNode validBody(Route route, String path, Random random) {
    String p = route.path();
    if (p.endsWith("/requisitions/{recipientId}")) {
      return scenario.form(pick(random, 1L, 50_000L, 100_000L), random.nextBoolean(), 1, 3);
    }
    if (p.endsWith("/ombud")) {
      // the same person again (a new ombud would make the fuzz's ombud tokens powerless from then on)
      String orgnr = path.split("/")[2];
      return Json.object().put("subject", "ombud-" + orgnr).put("name", "Ombud " + orgnr).put("email", "ombud@example.se");
    }
    if (p.endsWith("/delegates/{subject}")) {
      return Json.object().put("role", pick(random, "representant", "uppgiftssamordnare")).put("name", "Ny Delegat");
    }
    if (p.equals("/reports")) {
      return ReportingSteps.report(RECIPIENT, 1_000_000, 5_000);
    }
    if (p.endsWith("/recoveries")) {
      return Json.object().put("recipientId", pick(random, RECIPIENT, OTHER)).put("amount", 1_000)
          .put("reason", "Medlen har inte använts enligt beslutet.");
    }
    if (p.endsWith("/waivers")) {
      return Json.object().put("amount", 1_000).put("reason", "Kostnaderna godtas.");
    }
    if (p.endsWith("/payout-account")) {
      return Json.object().put("bankgiro", pick(random, "5050-1055", "991-2346", "1234-5674"));
    }
    if (p.endsWith("/reject")) {
      return Json.object().put("reason", "Underlaget räcker inte.");
    }
    return Json.object();
  }
}
