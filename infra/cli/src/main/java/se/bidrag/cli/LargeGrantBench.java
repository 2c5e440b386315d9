package se.bidrag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.demo.LargeGrantRun;
import se.bidrag.local.ProjectPaths;

/** {@code ./bidrag bench largegrant}: the synthetic care-unit grant's year at a chosen size (a figure, not a test). */
@Command(name = "largegrant", mixinStandardHelpOptions = true,
    description = "Plays a synthetic grant over N care units (SYNTETISKT, seeded) through its year on the local stack: "
        + "publish, requisitions, deadline, redistribution, attested payouts, payment files and (unless --no-reporting) "
        + "the reporting year and invoices; prints each phase's seconds, DynamoDB calls and RRU/WRU per recipient, "
        + "e-mails, the work's estimated cost and the money checks. Exit 1 if a check fails.")
final class LargeGrantBench implements Callable<Integer> {
  @Option(names = "--units", defaultValue = "1000", description = "Care units (default: ${DEFAULT-VALUE}).")
  int units;

  @Option(names = "--seed", defaultValue = "17", description = "Seed of the units and of the mix (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-reporting", description = "Stop after the payment files (skip the reporting year).")
  boolean noReporting;

  @Option(names = "--out", defaultValue = "out", description = "Where largegrant-N/ goes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    return LargeGrantRun.run(ProjectPaths.root(), out, units, seed, !noReporting, System.out).allChecksPass() ? 0 : 1;
  }
}
