package se.bidrag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.datatools.IllustrativeData;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Base data maintenance.",
    subcommands = DataCommand.Derive.class)
final class DataCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "derive", mixinStandardHelpOptions = true,
      description = "Re-derive the illustrative rural classes and care-recipient counts from the real data.")
  static final class Derive implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "functions/src/main/resources/data",
        description = "Directory to write to (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
      IllustrativeData.write(out);
      System.out.println("wrote " + IllustrativeData.RURAL_FILE + " and " + IllustrativeData.CARE_FILE + " to " + out);
      return 0;
    }
  }
}
