package se.bidrag.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.LocalOidc;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run all of Bidrag locally: emulators provisioned from template.yaml, the HTTP API, queues, schedules.")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "3000", description = "Port of the local API (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--clock", description = "Start the clock here, e.g. 2025-03-03T09:00+01:00 (default: now).")
  String clock;

  @Option(names = "--frozen", description = "Keep the clock still instead of running on from its start.")
  boolean frozen;

  @Option(names = "--grant", defaultValue = "god-och-nara-vard-2025", description = "Grant whose allocation is published at start.")
  String grant;

  @Option(names = "--aws-timing", description = "Retry as AWS does: a failed SQS message after its queue's VisibilityTimeout, "
      + "a failed scheduled job after Lambda's 1 and 2 minutes (default: after 2 s, and after 5 s and 10 s).")
  boolean awsTiming;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    Path root = ProjectPaths.root();
    Instant start = clock == null ? Instant.now() : LocalRuntime.parseInstant(clock);
    LocalJwt jwt = LocalJwt.forProject(root);
    LocalRuntime.Options options = LocalRuntime.options().root(root).jwt(jwt).apiPort(port).clock(start, !frozen);
    if (!awsTiming) {
      options.sqsRetryDelaySeconds(2).asyncRetryDelays(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
    LocalRuntime runtime = options.start();
    String admin = jwt.mintAgency("local-handlaggare", "2021000555", java.util.List.of("handlaggare"), "Local handläggare",
        Duration.ofMinutes(5));
    String publish = ServeSupport.post(runtime.api().uri().resolve("/grants/" + grant + "/allocations:publish"), admin, null);
    runtime.startBackgroundDelivery();

    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.println();
    System.out.printf("Bidrag is running locally (ready in %.1f s)%n", seconds);
    System.out.println("  API            " + runtime.api().uri() + "   (every HttpApi route of template.yaml, JWT-protected)");
    System.out.println("  Report form    " + runtime.site().formUrl() + "   (the reporting web form; each recipient's link, "
        + "with its token after #, comes by e-mail)");
    System.out.println("  Konsol " + runtime.site().consoleUrl() + "   (the agency's console; sign in as Disa in one window and "
        + "Arvid in a private one: the local sign-in page at " + LocalOidc.issuer(runtime.api().uri()) + " keeps no session)");
    System.out.println("  Accessibility  " + runtime.site().origin().resolve("/tillganglighet/"));
    System.out.println("  Mail (SES)     " + runtime.emulators().mailbox().page() + "   (the mail the functions sent)");
    System.out.println("  Allocation     " + grant + ": " + publish);
    System.out.println("  Clock          " + runtime.clock().instant() + (frozen ? " (frozen)" : " (running)")
        + "; move it: ./bidrag clock set 2025-04-18T02:00+02:00");
    System.out.println("  Token          ./bidrag token --orgnr 2120000019 --role ombud   (prints the token on its last line)");
    System.out.println("  Agency         ./bidrag token --role handlaggare --sub maria   |   ./bidrag token --role attestant --sub johan");
    System.out.println("  Try            curl -H \"Authorization: Bearer $(./bidrag token --orgnr 2120000019 --role ombud | tail -n1)\" "
        + runtime.api().uri() + "/grants/" + grant + "/allocations/kommun-0114");
    System.out.println("  Functions      " + String.join(", ", runtime.functions().keySet()));
    runtime.scheduler().schedules().forEach(s -> System.out.println("  Schedule       " + s.name() + "  " + s.expression()));
    System.out.println("  Retries        " + (awsTiming ? "as on AWS: SQS after each queue's VisibilityTimeout, failed jobs after 1 and 2 min"
        : "shortened: SQS after 2 s, failed jobs after 5 and 10 s (--aws-timing for AWS's)"));
    System.out.println("  Failures       ./bidrag dead-letters   (GET " + runtime.api().uri() + "/_local/dead-letters with an admin "
        + "token); ./bidrag dead-letters redrive");
    runtime.resources().notEmulated().forEach(n -> System.out.println("  Not emulated   " + n));
    ServeSupport.keepUntilStopped(runtime, runtime);
    return 0;
  }
}
