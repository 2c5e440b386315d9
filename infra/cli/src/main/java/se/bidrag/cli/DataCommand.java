package se.bidrag.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.bidrag.datatools.OfficialImport;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.GrantDefinitionException;
import se.bidrag.datatools.IllustrativeData;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Base data maintenance.",
    subcommands = {DataCommand.Derive.class, DataCommand.Import.class, DataCommand.Synthetic.class})
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

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Take in an agency's official file: read it in its published layout, validate it (290 municipalities,"
          + " every code known, none twice; class counts and totals against the published national figures), and write"
          + " the CSV the allocation reads, with an import record (original file and SHA-256, reader, report).")
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", description = "Dataset: rural-class (Tillväxtverket's kommuntyper .xlsx), population (SCB"
        + " PX-Web CSV or JSON-stat 2.0) or care-recipients (Socialstyrelsen's export, CSV or .xlsx).")
    String dataset;

    @Parameters(index = "1", description = "The agency's file.")
    Path file;

    @Option(names = "--data-dir", defaultValue = "${env:BIDRAG_DATA_DIR}",
        description = "Directory to write to (the allocation's --data-dir); default: $BIDRAG_DATA_DIR.")
    Path dataDir;

    @Option(names = "--period", description = "The year the figures are for, where the file does not say (care) or"
        + " the population's year (default: the dataset's, 2024).")
    String period;

    @Option(names = "--check", description = "Validate and report only; write nothing.")
    boolean check;

    @Option(names = "--grant", defaultValue = "god-och-nara-vard-2025",
        description = "Grant whose allocation must read the written file (default: ${DEFAULT-VALUE}).")
    String grantId;

    @Override
    public Integer call() {
      if (!check && dataDir == null) {
        throw new IllegalArgumentException("say where to write: --data-dir DIR (or BIDRAG_DATA_DIR), or --check");
      }
      GrantDefinition grant = GrantCatalog.bundled().find(grantId)
          .orElseThrow(() -> new GrantDefinitionException("unknown grant '" + grantId + "'"));
      OfficialImport.Result r = OfficialImport.run(dataset, file, period, check ? null : dataDir, grant);
      r.lines().forEach(System.out::println);
      return r.ok() ? 0 : 1;
    }
  }

  @Command(name = "synthetic", mixinStandardHelpOptions = true,
      description = "Write a synthetic grant over care units (SYNTETISKT) as a grant bundle for ./bidrag grant upload:"
          + " grant.json (syntetiskt-vardenheter) and vardenheter_syntetiska.csv, N invented units in the real"
          + " municipalities, owned by their real regions and municipalities, with listed patients. The same --units"
          + " and --seed give the same bundle.")
  static final class Synthetic implements Callable<Integer> {
    @Option(names = "--units", defaultValue = "1000", description = "Care units (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--seed", defaultValue = "17", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, description = "The bundle's directory (created; holding no other file).")
    Path out;

    @Override
    public Integer call() {
      Path dir = se.bidrag.demo.SyntheticGrant.write(out, units, seed);
      System.out.println("wrote the grant bundle " + dir + ": grant.json (" + se.bidrag.demo.SyntheticGrant.GRANT_ID
          + ") and " + se.bidrag.demo.SyntheticGrant.UNITS_FILE + " (" + units + " units, seed " + seed + ")");
      System.out.println("its year is 2026 (requisition deadline 2026-04-16): ./bidrag grant validate " + dir
          + " --at " + se.bidrag.demo.SyntheticGrant.YEAR_STARTS + ", then ./bidrag grant upload " + dir
          + " (on a stack whose clock is before the deadline)");
      return 0;
    }
  }
}
