package se.bidrag.integration.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.Mailbox;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SqsEventSource;
import se.bidrag.reporting.LinkKeys;
import se.bidrag.reporting.ReportToken;
import se.bidrag.testkit.LocalStackExtension;

/**
 * The reporting form in headless Chromium on the local stack: web/'s browser tests (node --test,
 * playwright-core, axe-core) in real-stack mode against this stack's API, its site server (web/site
 * with the template's CloudFront headers and this run's config.js, the API's CORS for exactly that
 * origin) and the SES emulator, with the personal links taken from the e-mails the emulator received.
 *
 * <p>Three runs on one clock: before the deadline (the journeys, errors, correction, revoked, tampered,
 * nothing to report, the site, CORS, the first-load figures), after the deadline (a late report; a
 * report shown but closed), after the links' expiry (an expired link, a new one by mail). Every web
 * test must pass in one of them; only those that need the stub (it moves the deadline mid-test) may
 * skip in all three. Screenshots of every page state go to target/screenshots/.
 */
@ExtendWith(LocalStackExtension.class)
public class ReportFormBrowserIT {
  static final Path WEB = ProjectPaths.root().resolve("web");
  static final Path TARGET = ProjectPaths.root().resolve("infra/integration-tests/target");
  static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/rapport/#[A-Za-z0-9._~+/=-]+");
  static final Instant BEFORE_DEADLINE = Instant.parse("2026-02-02T09:00:00Z");
  static final Instant AFTER_DEADLINE = Instant.parse("2026-04-07T08:00:00Z");
  static final Instant AFTER_EXPIRY = Instant.parse("2026-06-10T08:00:00Z");
  /** Web tests that only the stub can run (they move the deadline during the test). */
  static final Set<String> STUB_ONLY = Set.of("the deadline passes during a correction: the server's 409 is explained");
  static final int FRESH = 28;

  @Test
  void theReportFormInABrowserOnTheLocalStack(LocalRuntime runtime) throws Exception {
    String chromium = System.getenv().getOrDefault("BIDRAG_CHROMIUM", "/usr/bin/chromium");
    assertTrue(Files.isExecutable(Path.of(chromium)), chromium + " is missing: apt-get install -y chromium "
        + "(.ci/run installs it); the browser tests are part of the build and do not skip");
    assertTrue(Files.isRegularFile(WEB.resolve("node_modules/playwright-core/package.json")),
        "web/node_modules is missing: the build runs npm ci in web/ (or run it by hand)");
    long started = System.nanoTime();

    // ---- the year up to the links: recipients requisition four areas, are paid, and get their links by mail
    Scenario s = new Scenario(runtime).published();
    List<String> recipients = s.recipientIds().stream().filter(id -> id.startsWith("kommun-")).limit(FRESH + 6L).toList();
    for (String r : recipients) {
      var body = s.form(s.allocation(r).path("total").asLong(), false, 1, 2, 3, 5);
      body.put("registryEmail", ReportingSteps.registry(r));
      assertEquals(201, s.put(r, s.ombud(s.orgnr(r)), body, Map.of()).status());
    }
    recipients.forEach(r -> s.account(s.orgnr(r)));
    assertEquals(recipients.size(), s.runPayout().path("ordered").asInt());
    assertEquals(1, s.approveBatches(), "the attestant approves the batch");
    runtime.deliverQueues(Duration.ofSeconds(60));
    runtime.emulators().mailbox().clear();
    runtime.setClock(BEFORE_DEADLINE); // the daily job on the dispatch date sends the links
    runtime.deliverQueues(Duration.ofSeconds(60));
    Map<String, String> links = linksFromMail(runtime);
    assertEquals(new TreeSet<>(recipients), links.keySet(), "every paid recipient got its link by mail");
    String siteOrigin = runtime.site().origin().toString();
    links.values().forEach(l -> assertTrue(l.startsWith(siteOrigin + "/rapport/#"), l));

    List<String> ids = new ArrayList<>(links.keySet());
    String late = ids.get(0);
    String closed = ids.get(1);
    String expired = ids.get(2);
    String revoked = ids.get(3);
    List<String> fresh = ids.subList(4, ids.size());
    // closed: reported before the deadline (as the web tests' API helper does), shown but not correctable after it
    assertEquals(201, s.http.send("POST", "/reports", token(links.get(closed)), se.bidrag.json.Json.write(
        ReportingSteps.reportFor(s.allocation(closed).path("total").asLong(), 1, 2, 3, 5)), Map.of()).status());
    // revoked: the agency revokes the link; the old one must say so and still get a new link
    assertEquals(202, s.http.post("/grants/" + Scenario.GRANT + "/reports/" + revoked + "/link-revocations", s.handlaggare, null)
        .status());
    runtime.deliverQueues(Duration.ofSeconds(30));
    // nothing: a valid link of a recipient that received nothing (made with this run's key)
    ReportToken tokens = new ReportToken(LinkKeys.parse(runtime.secrets().value("ReportTokenSecret")));
    String nothing = siteOrigin + "/rapport/#" + tokens.mint(Scenario.GRANT, "region-01", 0, BEFORE_DEADLINE,
        Instant.parse("2026-05-31T00:00:00Z"));

    Map<String, String> env = new LinkedHashMap<>();
    env.put("BIDRAG_SITE_URL", siteOrigin);
    env.put("BIDRAG_API_URL", runtime.api().uri().toString());
    env.put("BIDRAG_SES_STORE_URL", runtime.emulators().sesEndpoint().resolve("/store").toString());
    env.put("BIDRAG_SITE_HEADERS", "1");
    env.put("BIDRAG_CHROMIUM", chromium);
    env.put("BIDRAG_SCREENSHOTS", TARGET.resolve("screenshots").toString());
    Map<String, String> results = new TreeMap<>();
    long prepared = System.nanoTime();

    // ---- before the deadline
    Map<String, String> before = new LinkedHashMap<>(env);
    before.put("BIDRAG_LINKS", String.join(" ", fresh.stream().map(links::get).toList()));
    before.put("BIDRAG_LINK_REVOKED", links.get(revoked));
    before.put("BIDRAG_LINK_NOTHING", nothing);
    results.putAll(node(runtime, "before-deadline", before, List.of(), "test/report.test.mjs", "test/link.test.mjs",
        "test/site.test.mjs", "test/cors.test.mjs", "test/format.test.mjs", "test/perf.test.mjs"));

    // ---- after the deadline (links still valid: 60 days' grace)
    runtime.setClock(AFTER_DEADLINE);
    runtime.deliverQueues(Duration.ofSeconds(60));
    Map<String, String> after = new LinkedHashMap<>(env);
    after.put("BIDRAG_LINK_LATE", links.get(late));
    after.put("BIDRAG_LINK_CLOSED", links.get(closed));
    merge(results, node(runtime, "after-deadline", after, List.of("--test-name-pattern=^after the deadline"),
        "test/report.test.mjs"));

    // ---- after the links' expiry
    runtime.setClock(AFTER_EXPIRY);
    runtime.deliverQueues(Duration.ofSeconds(60));
    Map<String, String> expiredEnv = new LinkedHashMap<>(env);
    expiredEnv.put("BIDRAG_LINK_EXPIRED", links.get(expired));
    merge(results, node(runtime, "after-expiry", expiredEnv, List.of("--test-name-pattern=^expired:"),
        "test/link.test.mjs"));

    List<String> notPassed = results.entrySet().stream().filter(e -> !e.getValue().equals("pass"))
        .map(e -> e.getKey() + " (" + e.getValue() + ")").filter(k -> STUB_ONLY.stream().noneMatch(k::startsWith)).toList();
    assertEquals(List.of(), notPassed, "every web test passes in one of the runs");
    assertTrue(results.size() > 30, "web tests seen: " + results.keySet());
    long shots;
    try (var files = Files.list(TARGET.resolve("screenshots"))) {
      shots = files.filter(p -> p.toString().endsWith(".png")).count();
    }
    assertTrue(shots > 50, "screenshots of every page state: " + shots);
    Files.writeString(TARGET.resolve("web-tests-summary.txt"), "web tests: " + results.size() + " ("
        + results.values().stream().filter("pass"::equals).count() + " passed in a real-stack run)\n"
        + "prepare the year: " + seconds(prepared - started) + " s; browser runs: " + seconds(System.nanoTime() - prepared)
        + " s\n" + String.join("\n", results.entrySet().stream().map(e -> e.getValue() + "  " + e.getKey()).toList()) + "\n",
        StandardCharsets.UTF_8);
  }

  static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }

  static String token(String link) {
    return link.substring(link.indexOf('#') + 1);
  }

  /** The newest link each recipient's registry received, taken from the mail as a person would. */
  static Map<String, String> linksFromMail(LocalRuntime runtime) {
    Map<String, String> out = new TreeMap<>();
    for (Mailbox.Mail m : runtime.emulators().mailbox().all()) {
      Matcher l = LINK.matcher(m.text());
      String to = m.to().get(0);
      if (l.find() && to.startsWith("registrator@")) {
        out.put(to.substring("registrator@".length(), to.indexOf(".example.se")), l.group());
      }
    }
    return out;
  }

  /** Keeps a test's best outcome over the runs (pass beats skip). */
  public static void merge(Map<String, String> into, Map<String, String> run) {
    run.forEach((name, outcome) -> into.merge(name, outcome, (a, b) -> a.equals("pass") || b.equals("pass") ? "pass"
        : a.startsWith("fail") ? a : b));
  }

  static final Pattern TAP = Pattern.compile("^(\\s*)(not ok|ok) \\d+ - (.*?)(?: # (SKIP|TODO)\\b.*)?$");

  /**
   * Runs node's test runner in web/ with the environment, delivering the stack's queues while it runs
   * (the mail the pages cause must arrive); the outcome per test name. Fails with the output when a
   * test fails.
   */
  public static Map<String, String> node(LocalRuntime runtime, String run, Map<String, String> env, List<String> options,
      String... files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=tap"));
    command.addAll(options);
    command.addAll(List.of(files));
    Path log = TARGET.resolve("web-tests-" + run + ".tap");
    Files.createDirectories(TARGET);
    ProcessBuilder pb = new ProcessBuilder(command).directory(WEB.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread delivery = new Thread(() -> {
      while (running.get()) {
        for (SqsEventSource source : runtime.eventSources()) {
          source.pollOnce(0);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "browser-test-queues");
    delivery.setDaemon(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    delivery.start();
    boolean done;
    try {
      done = p.waitFor(10, TimeUnit.MINUTES);
    } finally {
      running.set(false);
      delivery.join(5_000);
      if (p.isAlive()) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println("web tests, " + run + ": " + seconds(System.nanoTime() - t0) + " s (" + log + ")");
    if (!done || p.exitValue() != 0) {
      fail("the browser tests (" + run + ") failed" + (done ? " (exit " + p.exitValue() + ")" : " (timed out)")
          + "; screenshots in " + TARGET.resolve("screenshots") + "\n" + tail(out, 12_000));
    }
    Map<String, String> outcomes = new TreeMap<>();
    List<String> suites = new ArrayList<>();
    for (String line : out.split("\n")) {
      Matcher m = TAP.matcher(line);
      if (!m.matches() || line.trim().startsWith("# Subtest")) {
        continue;
      }
      String name = m.group(3);
      String outcome = m.group(2).equals("not ok") ? "fail" : m.group(4) != null ? "skip" : "pass";
      outcomes.merge(name, outcome, (a, b) -> a.equals("pass") || b.equals("pass") ? "pass" : a);
      suites.add(name);
    }
    return outcomes;
  }

  static String tail(String s, int chars) {
    return s.length() <= chars ? s : "…" + s.substring(s.length() - chars);
  }
}
