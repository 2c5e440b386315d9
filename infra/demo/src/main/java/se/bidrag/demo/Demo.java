package se.bidrag.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import se.bidrag.local.Faults;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.RandomFaults;
import se.bidrag.platform.Log;

/**
 * {@code ./bidrag demo}: starts the local stack, plays the grant year (optionally with a share of
 * the functions' AWS calls failing), prints the summary and writes the artifacts. The stack stays up
 * in the returned {@link Played} until it is closed, so that a person can look around afterwards.
 */
public final class Demo {
  /** Where the demo's clock starts: before the requisition period of 2025. */
  public static final Instant START = Instant.parse("2025-02-03T08:00:00Z");

  private Demo() {}

  /** How to play: the project root, where the artifacts go, the mix seed, the faults, the API port. */
  public record Options(Path root, Path out, long seed, double faultRate, double lostAnswers, Long faultSeed,
      int apiPort) {}

  /** A played year: the stack still running, and the summary. Closing stops the stack. */
  public static final class Played implements AutoCloseable {
    private final LocalRuntime runtime;
    private final YearSummary summary;
    private final PrintStream functionLog;

    private Played(LocalRuntime runtime, YearSummary summary, PrintStream functionLog) {
      this.runtime = runtime;
      this.summary = summary;
      this.functionLog = functionLog;
    }

    public LocalRuntime runtime() {
      return runtime;
    }

    public YearSummary summary() {
      return summary;
    }

    /**
     * One recipient's personal link (from the mail its registry received) that opens the form now,
     * preferably one that has not reported yet: for a person to try the form at once.
     */
    public java.util.Optional<String> personalLink() {
      java.util.regex.Pattern link = java.util.regex.Pattern.compile("https?://[^\\s\"<>]+/rapport/#([A-Za-z0-9._-]+)");
      se.bidrag.local.Http http = new se.bidrag.local.Http(runtime.api().uri());
      java.util.List<se.bidrag.local.Mailbox.Mail> mails = runtime.emulators().mailbox().all();
      String reported = null;
      int tried = 0;
      for (int i = mails.size() - 1; i >= 0 && tried < 60; i--) {
        var m = mails.get(i);
        java.util.regex.Matcher t = link.matcher(m.text() == null ? "" : m.text());
        if (!m.to().get(0).startsWith("registrator@") || !t.find()) {
          continue;
        }
        tried++;
        se.bidrag.local.Http.Response form = http.get("/reports/form", t.group(1));
        if (form.status() == 200 && form.json().path("report").isNull()) {
          return java.util.Optional.of(t.group());
        }
        if (form.status() == 200 && reported == null) {
          reported = t.group();
        }
      }
      return java.util.Optional.ofNullable(reported);
    }

    @Override
    public void close() {
      try {
        runtime.close();
      } finally {
        Log.to(System.out);
        functionLog.close();
      }
    }
  }

  /** Plays the year, printing progress and the summary to {@code console}. */
  public static Played play(Options o, PrintStream console) throws IOException {
    long started = System.nanoTime();
    Path dir = o.root().resolve(o.out()).normalize();
    Files.createDirectories(dir);
    PrintStream functionLog = new PrintStream(Files.newOutputStream(dir.resolve("functions.log")), true,
        StandardCharsets.UTF_8);
    Log.to(functionLog);
    Faults faults = new Faults();
    RandomFaults rule = o.faultRate() > 0 || o.lostAnswers() > 0
        ? new RandomFaults(o.faultRate(), o.lostAnswers(), o.faultSeed() != null ? o.faultSeed() : o.seed() + 1) : null;
    LocalRuntime runtime;
    try {
      runtime = LocalRuntime.options().root(o.root()).jwt(LocalJwt.forProject(o.root())).apiPort(o.apiPort())
          .clock(START, false).interceptors(List.of(faults)).fastRetries().start();
    } catch (RuntimeException e) {
      Log.to(System.out);
      functionLog.close();
      throw e;
    }
    try {
      console.printf("Local stack up in %.1f s (DynamoDB Local, ElasticMQ, SES emulator; %d functions from "
          + "template.yaml). Playing the 2025 grant year, and the next year's grant (%s, an example) beside its "
          + "reporting, seed %d%s:%n", (System.nanoTime() - started) / 1e9, runtime.functions().size(), NextGrant.EXAMPLE,
          o.seed(),
          rule == null ? "" : String.format(", %.0f%% of AWS calls failing", o.faultRate() * 100));
      if (rule != null) {
        faults.arm(rule);
      }
      YearSummary summary = new GrantYear(runtime, o.seed(), console, dir.resolve("functions.log"))
          .withNextGrant(NextGrant.EXAMPLE).play();
      faults.disarm();
      summary.print(console);
      if (rule != null) {
        console.println("Faults injected: " + rule.injectedTotal() + " of " + rule.calls().values().stream()
            .mapToLong(Long::longValue).sum() + " calls " + rule.injected());
      }
      functionLog.flush();
      YearCost cost = YearCost.of(usage(runtime, o.root(), Files.size(dir.resolve("functions.log"))),
          YearCost.priceTable());
      summary.cost(cost);
      cost.print(console);
      summary.write(dir);
      JobCalls.print(console, runtime.calls().byTrigger(),
          (int) Files.readAllLines(dir.resolve("allocation.csv")).stream().skip(1).filter(l -> !l.isBlank()).count());
      Path shown = o.root().relativize(dir);
      console.printf("%nWrote %d files under %s (summary.json, allocation.csv, payment-files/, invoices/; the functions' "
          + "log in functions.log).%n", summary.artifactCount() + 1, shown.toString().isEmpty() ? dir : shown);
      console.printf("The year took %.1f s. %s%n", (System.nanoTime() - started) / 1e9,
          summary.allChecksPass() ? "Every check passed." : "SOME CHECKS FAILED.");
      return new Played(runtime, summary, functionLog);
    } catch (RuntimeException e) {
      new Played(runtime, null, functionLog).close();
      throw e;
    }
  }

  /** What the year used, from the stack's call ledger and template.yaml (memory, queues, alarms, keys, secrets). */
  static YearUsage usage(LocalRuntime runtime, Path root, long logBytes) {
    java.util.Map<String, Integer> memory = new java.util.HashMap<>();
    runtime.functions().forEach((id, f) -> memory.put(id, f.memoryMb()));
    java.util.Map<String, Long> types = new java.util.HashMap<>();
    se.bidrag.local.SamTemplate.load(root.resolve("template.yaml")).resources().values()
        .forEach(r -> types.merge(r.type(), 1L, Long::sum));
    return YearUsage.from(runtime.calls().invocations(), memory, runtime.eventSources().size(), logBytes,
        types.getOrDefault("AWS::CloudWatch::Alarm", 0L).intValue(), types.getOrDefault("AWS::KMS::Key", 0L).intValue(),
        types.getOrDefault("AWS::SecretsManager::Secret", 0L).intValue());
  }
}
