package se.bidrag.integration.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportFormBrowserIT;
import se.bidrag.local.LocalOidc;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.testkit.LocalStackExtension;

/**
 * The agency's console in headless Chromium on the local stack: web/'s console tests (node --test,
 * playwright-core, axe-core) in real-stack mode against this stack's API, its site server (web/site with
 * this run's /konsol/config.js) and the local OpenID provider's sign-in page, after a year played up to
 * a paid payout: 34 recipients requisition and are paid (one attested batch, a payment file), 8 more
 * requisition and are not paid yet (so that a payout can be proposed in the browser).
 *
 * <p>Runs the "must show" tests (sign-in, the overview's figures, the recipients with the
 * exports, a recipient with its audit history, a payout proposed by Disa, refused to her and attested by
 * Arvid in a second browser, every view by keyboard; axe-core on every view state). The tests that need
 * the stub's controls or data this year lacks (redistribution, missing routes, a recovery, e-mail and
 * dead letters) are left to the stub run ({@code npm run test:console}). Screenshots of every view go to
 * target/screenshots/console/.
 */
@ExtendWith(LocalStackExtension.class)
class ConsoleBrowserIT {
  static final Path TARGET = ProjectPaths.root().resolve("infra/integration-tests/target");
  static final List<String> MUST_SHOW = List.of("a grant officer signs in", "a person without an agency role",
      "the token endpoint refuses", "the overview: figures per pot", "recipients: 311 in one table",
      "a recipient: allocation explained", "a payout batch: proposed by one person", "every view: Tab reaches",
      "the grant chooser");
  static final String NEXT_GRANT = "god-och-nara-vard-2026-exempel";

  @Test
  void theConsoleInABrowserOnTheLocalStack(LocalRuntime runtime) throws Exception {
    String chromium = System.getenv().getOrDefault("BIDRAG_CHROMIUM", "/usr/bin/chromium");
    assertTrue(Files.isExecutable(Path.of(chromium)), chromium + " is missing: apt-get install -y chromium");
    long started = System.nanoTime();

    Scenario s = new Scenario(runtime).published();
    List<String> kommuner = s.recipientIds().stream().filter(id -> id.startsWith("kommun-")).toList();
    List<String> paid = new java.util.ArrayList<>(List.of("region-18", "kommun-0380", "kommun-1880"));
    paid.addAll(kommuner.subList(0, 31));
    List<String> unpaid = kommuner.subList(40, 48);
    for (String r : paid) {
      s.requisition(r, s.allocation(r).path("total").asLong(), false);
      s.account(s.orgnr(r));
    }
    assertEquals(paid.size(), s.runPayout().path("ordered").asInt());
    assertEquals(1, s.approveBatches(), "the attestant approves the batch");
    runtime.deliverQueues(Duration.ofSeconds(60));
    for (String r : unpaid) {
      s.requisition(r, s.allocation(r).path("total").asLong() / 2, true);
      s.account(s.orgnr(r));
    }
    runtime.deliverQueues(Duration.ofSeconds(30));
    // a second grant year in the same stack (the console's grant chooser): the example bundle uploaded, as
    // ./bidrag grant upload would, and its allocation published
    var store = new se.bidrag.grant.DynamoGrantStore(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    new se.bidrag.grant.GrantUploads(store, se.bidrag.grant.GrantCatalog.withStore(store, runtime.clock()),
        new se.bidrag.allocation.BundleDataCheck(), runtime.clock())
        .upload(se.bidrag.grant.GrantBundle.read(ProjectPaths.root().resolve("infra/demo/grants/" + NEXT_GRANT)), "it");
    runtime.setClock(runtime.clock().instant().plusSeconds(61)); // the functions' catalogs look for uploads once a minute
    var published = s.http.post("/grants/" + NEXT_GRANT + "/allocations:publish", s.handlaggare, null);
    assertEquals(201, published.status(), published.body());
    long prepared = System.nanoTime();

    Map<String, String> env = new LinkedHashMap<>();
    env.put("BIDRAG_CONSOLE_SITE_URL", runtime.site().origin().toString());
    env.put("BIDRAG_API_URL", runtime.api().uri().toString());
    env.put("BIDRAG_ISSUER_URL", LocalOidc.issuer(runtime.api().uri()));
    env.put("BIDRAG_CHROMIUM", chromium);
    env.put("BIDRAG_SCREENSHOTS", TARGET.resolve("screenshots/console").toString());
    Files.createDirectories(TARGET.resolve("screenshots/console"));
    List<String> names = new java.util.ArrayList<>(MUST_SHOW);
    names.add("the recipients table: data arrival"); // the figure: 311 real rows, data to interactive
    String pattern = "--test-name-pattern=^(" + String.join("|", names.stream()
        .map(n -> n.replaceAll("[^A-Za-z0-9 ]", ".")).toList()) + ")";
    env.put("BIDRAG_PERF_RUNS", "3");
    Map<String, String> results = new TreeMap<>(ReportFormBrowserIT.node(runtime, "console", env, List.of(pattern),
        "test/console/console.test.mjs", "test/console/perf.test.mjs"));

    List<String> passed = results.entrySet().stream().filter(e -> e.getValue().equals("pass")).map(Map.Entry::getKey).toList();
    for (String must : MUST_SHOW) {
      assertTrue(passed.stream().anyMatch(n -> n.startsWith(must)), "must show: '" + must + "' passes; " + results);
    }
    long shots;
    try (var files = Files.list(TARGET.resolve("screenshots/console"))) {
      shots = files.filter(p -> p.toString().endsWith(".png")).count();
    }
    assertTrue(shots >= 10, "screenshots of every view: " + shots);
    Files.writeString(TARGET.resolve("console-tests-summary.txt"), "console tests (real stack): " + results.size()
        + "; prepare the year: " + seconds(prepared - started) + " s; browser run: " + seconds(System.nanoTime() - prepared)
        + " s\n" + String.join("\n", results.entrySet().stream().map(e -> e.getValue() + "  " + e.getKey()).toList()) + "\n",
        StandardCharsets.UTF_8);
  }

  static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
