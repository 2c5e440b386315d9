package se.bidrag.demo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.bidrag.json.Json;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.local.RandomFaults;
import se.bidrag.platform.Log;

/**
 * The whole 2025 grant year on the local stack, as {@code ./bidrag demo} plays it: first without
 * faults (every conservation check, summary.json as specified), then replayed with a share of the
 * functions' DynamoDB, SQS and SES calls failing — throttling, 500, 503, connection timeouts, and
 * DynamoDB/SQS calls that took effect but whose answer was lost. A replay must come to the same money,
 * per pot and per recipient, the same orders, invoices and e-mails: nothing duplicated, nothing lost.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GrantYearIT {
  private static final long SEED = 2025;
  private static final Path OUT = Path.of("target", "grant-year");

  private Map<String, Object> baseline;

  private static YearSummary play(LocalRuntime runtime, String name) throws IOException {
    Files.createDirectories(OUT);
    Path logFile = OUT.resolve(name + "-functions.log");
    YearSummary summary;
    try (PrintStream log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
      Log.to(log);
      try {
        summary = new GrantYear(runtime, SEED, new PrintStream(OutputStream.nullOutputStream()), logFile)
            .withNextGrant(NextGrant.EXAMPLE).play();
      } finally {
        Log.to(System.out);
      }
    }
    assertNoPersonalData(logFile);
    return summary;
  }

  /** The whole functions.log of the year: no e-mail address, none of the personal names the year was played with. */
  private static void assertNoPersonalData(Path logFile) throws IOException {
    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    assertTrue(log.lines().count() > 1000, "the year's log: " + log.lines().count() + " lines");
    java.util.regex.Matcher email = java.util.regex.Pattern.compile(
        "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}").matcher(log);
    assertTrue(!email.find(), () -> "an e-mail address in " + logFile + ": " + email.group());
    for (String name : List.of("Maria Lindqvist", "Johan Ekström", "Anna Andersson", "Erik Johansson", "Karin Nilsson")) {
      assertTrue(!log.contains(name), name + " in " + logFile);
    }
  }

  /** One recipient's audit trail through the API is exactly its entries in the table, in time order. */
  private static void assertAuditTrail(LocalRuntime runtime, String recipient) {
    var db = runtime.platform().dynamoDb();
    List<java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items = new ArrayList<>();
    java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
    do {
      var req = software.amazon.awssdk.services.dynamodb.model.ScanRequest.builder().tableName(runtime.table("BidragTable"));
      if (start != null) {
        req.exclusiveStartKey(start);
      }
      var page = db.scan(req.build());
      items.addAll(page.items());
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null);
    String orgnr = items.stream().filter(i -> i.get("PK").s().startsWith("GRANT#") && i.get("SK").s().equals("REQ#"
        + recipient)).map(i -> i.get("orgnr").s()).findFirst().orElseThrow();
    List<String> expected = items.stream().filter(i -> i.get("PK").s().startsWith("AUDIT#"))
        .filter(i -> i.containsKey("recipientId") ? i.get("recipientId").s().equals(recipient)
            : i.containsKey("orgnr") && i.get("orgnr").s().equals(orgnr))
        .sorted(java.util.Comparator.comparing(i -> i.get("GSI1SK").s()))
        .map(i -> i.get("entity").s() + "#" + i.get("sequence").n())
        // the trail is the grant's: the organisation's entries, and of its grant entries only this grant's
        .filter(e -> !e.contains("/" + NextGrant.EXAMPLE + "/")).toList();
    se.bidrag.local.Http http = new se.bidrag.local.Http(runtime.api().uri());
    String token = runtime.jwt().mintAgency("revisor", "2021000555", List.of("attestant"), "Revisor",
        java.time.Duration.ofMinutes(5));
    List<String> trail = new ArrayList<>();
    String next = "/grants/" + GrantYear.GRANT + "/audit?recipient=" + recipient + "&limit=10";
    while (next != null) {
      JsonNode page = http.get(next, token).json();
      page.path("entries").forEach(e -> trail.add(e.path("entity").asText() + "#" + e.path("sequence").asLong()));
      next = page.path("links").path("next").asText(null);
    }
    assertEquals(expected, trail, "the trail of " + recipient + ": every entry of the year, in time order");
    assertTrue(trail.size() >= 8, "a whole year: " + trail);
  }

  private static void assertAllChecksPass(YearSummary summary) {
    List<org.junit.jupiter.api.function.Executable> each = new ArrayList<>();
    summary.checks().forEach((name, ok) -> each.add(() -> assertTrue(ok, () -> name + " failed: "
        + Json.pretty(summary.toJson()))));
    assertAll(each);
  }

  @Test
  @Order(1)
  void theYearAddsUpToTheKronaAndSummaryJsonHasTheAgreedShape(LocalRuntime runtime) throws IOException {
    YearSummary summary = play(runtime, "no-faults");
    baseline = summary.moneyFigures();
    assertAllChecksPass(summary);

    Path dir = OUT.resolve("no-faults");
    summary.cost(YearCost.of(Demo.usage(runtime, se.bidrag.local.ProjectPaths.root(),
        Files.size(OUT.resolve("no-faults-functions.log"))), YearCost.priceTable()));
    summary.write(dir);
    JsonNode json = Json.parse(Files.readString(dir.resolve("summary.json")));
    JsonNode cost = json.path("cost");
    assertEquals("USD", cost.path("currency").asText(), "cost: " + cost);
    // Lambda's use is counted; its price may round to 0.00 (under 264 GB-s: how fast the functions ran on this machine)
    assertTrue(cost.path("total").asDouble() > 0 && cost.path("byService").path("dynamodb").asDouble() > 0
        && cost.path("byService").has("lambda") && cost.path("counted").path("lambdaGbSeconds").asDouble() > 0
        && cost.path("counted").path("lambdaRequests").asLong() > 0, "cost: " + cost);
    assertTrue(cost.path("priceTableDate").asText().matches("\\d{4}-\\d{2}-\\d{2}"), "cost: " + cost);
    JsonNode pots = json.path("pots");
    assertEquals(4, pots.size(), "four pots");
    long allocated = 0;
    long paid = 0;
    long unallocated = 0;
    for (JsonNode pot : pots) {
      for (String field : List.of("allocated", "requisitioned", "redistributed", "paid", "unallocated")) {
        assertTrue(pot.path(field).isIntegralNumber(), pot + " has an integer " + field);
      }
      assertTrue(pot.path("potId").isTextual(), "potId");
      assertEquals(pot.path("allocated").asLong(), pot.path("paid").asLong() + pot.path("unallocated").asLong(),
          pot.path("potId") + ": allocated = paid + unallocated");
      assertEquals(pot.path("paid").asLong(), pot.path("requisitioned").asLong() + pot.path("redistributed").asLong(),
          pot.path("potId") + ": paid = requisitioned + redistributed");
      allocated += pot.path("allocated").asLong();
      paid += pot.path("paid").asLong();
      unallocated += pot.path("unallocated").asLong();
    }
    assertEquals(3_674_000_000L, allocated, "the grant");
    assertEquals(allocated, paid + unallocated);
    JsonNode reports = json.path("reports");
    for (String field : List.of("onTime", "late", "missing")) {
      assertTrue(reports.path(field).asInt() > 0, "the mix has reports " + field + ": " + reports);
    }
    assertTrue(json.path("invoices").path("count").asInt() > 0, "invoices issued");
    assertEquals(json.path("reports").path("unspent").asLong(), json.path("invoices").path("total").asLong(),
        "unspent = invoiced (net of credit notes)");
    assertTrue(json.path("emailsSent").asInt() > 0, "e-mails sent");
    Set<String> checkNames = new java.util.TreeSet<>();
    json.path("checks").fieldNames().forEachRemaining(checkNames::add);
    assertTrue(checkNames.containsAll(Set.of("allocatedEqualsPaidPlusUnallocated", "paidEqualsUsedPlusUnspent",
        "unspentEqualsInvoiced")), "the three conservation checks are named: " + checkNames);
    json.path("checks").forEach(v -> assertTrue(v.isBoolean() && v.asBoolean(), "checks: " + json.path("checks")));

    try (Stream<Path> files = Files.list(dir.resolve("payment-files"))) {
      assertTrue(files.anyMatch(p -> p.toString().endsWith(".xml")), "a pain.001 file written");
    }
    try (Stream<Path> files = Files.list(dir.resolve("invoices"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      assertTrue(names.stream().anyMatch(n -> n.endsWith(".pdf")) && names.stream().anyMatch(n -> n.endsWith(".xml")),
          "invoices as PDF and UBL: " + names);
    }
    assertTrue(Files.readString(dir.resolve("allocation.csv")).lines().count() > 311, "311 recipients in the CSV");
    assertTwoGrants(json);

    JsonNode attestation = json.path("attestation");
    assertTrue(attestation.path("byKind").path("payout-batch").asInt() >= 3, "batches: " + attestation);
    assertTrue(attestation.path("rejected").asInt() >= 2, "a batch and a recovery rejected: " + attestation);
    assertEquals(0, attestation.path("awaiting").asInt(), "nothing left waiting");
    assertAuditTrail(runtime, attestation.path("auditTrailRecipient").asText());
  }

  /**
   * summary.json's {@code grants}: the 2025 grant (as the top-level fields) and the next year's example grant,
   * each with its pots conserved to the krona, its own checks passed, its phases timed and its DynamoDB calls
   * per recipient; the next grant was redistributed and paid after its deadline in the same stack.
   */
  private static void assertTwoGrants(JsonNode json) {
    JsonNode grants = json.path("grants");
    assertEquals(List.of(GrantYear.GRANT, NextGrant.EXAMPLE), List.of(grants.path(0).path("grantId").asText(),
        grants.path(1).path("grantId").asText()), "grants: " + grants);
    assertEquals(json.path("pots"), grants.path(0).path("pots"), "the 2025 grant's entry is the top-level figures");
    for (JsonNode g : grants) {
      long allocated = 0;
      for (JsonNode pot : g.path("pots")) {
        assertEquals(pot.path("allocated").asLong(), pot.path("paid").asLong() + pot.path("unallocated").asLong(),
            g.path("grantId") + " " + pot.path("potId") + ": allocated = paid + unallocated");
        allocated += pot.path("allocated").asLong();
      }
      assertEquals(3_674_000_000L, allocated, g.path("grantId") + ": the pots add up to the grant");
      assertTrue(g.path("checks").size() >= 5, g.path("grantId") + " checks: " + g.path("checks"));
      g.path("checks").forEach(v -> assertTrue(v.asBoolean(), g.path("grantId") + " checks: " + g.path("checks")));
      assertTrue(g.path("phaseSeconds").size() >= 3, g.path("grantId") + " phases: " + g.path("phaseSeconds"));
      assertTrue(g.path("awsCalls").path("dynamodbCallsPerRecipient").asDouble() > 1, g.path("grantId") + " calls: "
          + g.path("awsCalls"));
      assertTrue(g.has("reports") && g.has("invoices"), g.path("grantId") + ": reports and invoices");
    }
    JsonNode next = grants.path(1);
    assertTrue(next.path("payments").path("orders").asInt() > 200, "the next grant paid after its deadline: " + next);
    assertTrue(next.path("pots").get(0).path("redistributed").asLong() > 0, "and redistributed: " + next);
    assertEquals(0, next.path("invoices").path("count").asInt(), "its reporting is a year away: " + next);
  }

  @ParameterizedTest(name = "{0} of calls failing, {1} of answers lost")
  @CsvSource({"0.20, 0.05"})
  @Order(2)
  void theYearUnderFaultsComesToTheSameMoney(double faultRate, double lostAnswers, LocalRuntime runtime)
      throws IOException {
    assertTrue(baseline != null, "the fault-free year ran first");
    RandomFaults faults = new RandomFaults(faultRate, lostAnswers, SEED + 1);
    LocalStackExtension.FAULTS.arm(faults);
    YearSummary summary;
    try {
      summary = play(runtime, "faults-" + faultRate);
    } finally {
      LocalStackExtension.FAULTS.disarm();
    }
    long calls = faults.calls().values().stream().mapToLong(Long::longValue).sum();
    assertTrue(faults.injectedTotal() > calls * faultRate / 2,
        "faults were injected: " + faults.injectedTotal() + " of " + calls + " " + faults.injected());
    assertAllChecksPass(summary);
    Map<String, Object> figures = summary.moneyFigures();
    for (String key : baseline.keySet()) {
      assertEquals(baseline.get(key), figures.get(key), key + " differs from the fault-free year");
    }
  }
}
