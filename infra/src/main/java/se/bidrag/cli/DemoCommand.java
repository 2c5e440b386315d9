package se.bidrag.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.demo.GrantYear;
import se.bidrag.demo.YearSummary;
import se.bidrag.local.Faults;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.RandomFaults;
import se.bidrag.platform.Log;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Plays the 2025 grant year end to end on the local stack, prints what it came to and checks that "
        + "every krona is accounted for; writes the artifacts under out/. Exit 1 if a check fails.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--seed", defaultValue = "2025", description = "Seed of the recipients' mix (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = "out", description = "Where the artifacts go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--keep", description = "Keep the API and the SES mail page up afterwards (Ctrl-C stops).")
  boolean keep;

  @Option(names = "--port", defaultValue = "0", description = "Port of the local API with --keep (default: a free one).")
  int port;

  @Option(names = "--faults", defaultValue = "0", description = "Share of the functions' AWS calls to fail "
      + "(throttling, 5xx, timeouts), e.g. 0.05 (default: none).")
  double faultRate;

  @Option(names = "--lost-answers", defaultValue = "0", description = "Share of the functions' DynamoDB and SQS "
      + "calls that take effect but whose answer is lost (default: none).")
  double lostAnswers;

  @Option(names = "--fault-seed", description = "Seed of the injected faults (default: the mix seed + 1).")
  Long faultSeed;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Path root = ProjectPaths.root();
    Path dir = root.resolve(out).normalize();
    Files.createDirectories(dir);
    PrintStream functionLog = new PrintStream(Files.newOutputStream(dir.resolve("functions.log")), true,
        StandardCharsets.UTF_8);
    Log.to(functionLog);
    Faults faults = new Faults();
    RandomFaults rule = faultRate > 0 || lostAnswers > 0
        ? new RandomFaults(faultRate, lostAnswers, faultSeed != null ? faultSeed : seed + 1) : null;
    LocalRuntime runtime = LocalRuntime.options().root(root).jwt(LocalJwt.forProject(root)).apiPort(port)
        .clock(Instant.parse("2025-02-03T08:00:00Z"), false).interceptors(List.of(faults)).start();
    try {
      System.out.printf("Local stack up in %.1f s (DynamoDB Local, ElasticMQ, SES emulator; %d functions from "
          + "template.yaml). Playing the 2025 grant year, seed %d%s:%n", (System.nanoTime() - started) / 1e9,
          runtime.functions().size(), seed, rule == null ? "" : String.format(", %.0f%% of AWS calls failing", faultRate * 100));
      if (rule != null) {
        faults.arm(rule);
      }
      YearSummary summary = new GrantYear(runtime, seed, System.out).play();
      faults.disarm();
      summary.print(System.out);
      if (rule != null) {
        System.out.println("Faults injected: " + rule.injectedTotal() + " of " + rule.calls().values().stream()
            .mapToLong(Long::longValue).sum() + " calls " + rule.injected());
      }
      summary.write(dir);
      System.out.printf("%nWrote %d files under %s (summary.json, allocation.csv, payment-files/, invoices/; the functions' log in functions.log).%n",
          summary.artifactCount() + 1, root.relativize(dir).toString().isEmpty() ? dir : root.relativize(dir));
      System.out.printf("The year took %.1f s. %s%n", (System.nanoTime() - started) / 1e9,
          summary.allChecksPass() ? "Every check passed." : "SOME CHECKS FAILED.");
      if (keep) {
        runtime.startBackgroundDelivery();
        ServeSupport.writeState(runtime);
        System.out.println("Kept up:");
        System.out.println("  API        " + runtime.api().uri() + "   (token: ./bidrag token --orgnr 2021000555 --role admin)");
        System.out.println("  Mail (SES) " + runtime.emulators().mailbox().page());
        System.out.println("  Clock      " + runtime.clock().instant() + " (move it: ./bidrag clock set ...)");
        System.out.println("Stop with Ctrl-C.");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          ServeSupport.forgetState();
          runtime.close();
          stop.countDown();
        }, "bidrag-demo-stop"));
        stop.await();
      }
      return summary.allChecksPass() ? 0 : 1;
    } finally {
      if (!keep) {
        runtime.close();
        Log.to(System.out);
        functionLog.close();
      }
    }
  }
}
