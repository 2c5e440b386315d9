package se.bidrag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.demo.Demo;
import se.bidrag.local.ProjectPaths;

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
    Demo.Played played = Demo.play(new Demo.Options(ProjectPaths.root(), out, seed, faultRate, lostAnswers, faultSeed,
        port), System.out);
    int exit = played.summary().allChecksPass() ? 0 : 1;
    if (!keep) {
      played.close();
      return exit;
    }
    var runtime = played.runtime();
    runtime.startBackgroundDelivery();
    System.out.println("Kept up:");
    System.out.println("  API        " + runtime.api().uri() + "   (token: ./bidrag token --orgnr 2021000555 --role admin)");
    System.out.println("  Mail (SES) " + runtime.emulators().mailbox().page());
    System.out.println("  Form       " + runtime.site().formUrl() + "   (the reporting form; accessibility statement: "
        + runtime.site().origin().resolve("/tillganglighet/") + ")");
    System.out.println("  Konsol " + runtime.site().consoleUrl() + "   (the agency's console: sign in as Disa, and as Arvid "
        + "in a private window)");
    played.personalLink().ifPresent(link -> System.out.println("  Try it     " + link
        + "   (one recipient's personal link, from the mail its registry received)"));
    System.out.println("  Clock      " + runtime.clock().instant() + " (move it: ./bidrag clock set ...)");
    ServeSupport.keepUntilStopped(runtime, played);
    return exit;
  }
}
