package se.bidrag.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import se.bidrag.bench.BenchCommand;

/** {@code ./bidrag}: the command line. */
@Command(name = "bidrag", mixinStandardHelpOptions = true, version = "bidrag 1.0",
    description = "Administers a formula-based state grant: allocate, requisition, redistribute, pay, report, repay.",
    subcommands = {AllocateCommand.class, DemoCommand.class, ServeCommand.class, TokenCommand.class, ClockCommand.class, BenchCommand.class,
        DataCommand.class, GrantCommand.class, SmokeCommand.class, DeadLettersCommand.class})
public final class Main implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (0 success, 1 refused input, 2 usage). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.getSubcommands().get("bench").addSubcommand("largegrant", new LargeGrantBench()); // the player is in the demo
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("bidrag: " + e.getMessage());
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
