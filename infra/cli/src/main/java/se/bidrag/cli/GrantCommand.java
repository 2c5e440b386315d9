package se.bidrag.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.allocation.AllocationDiff;
import se.bidrag.allocation.AllocationDiffJson;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.GrantDefinitionException;
import se.bidrag.json.Json;

@Command(name = "grant", mixinStandardHelpOptions = true,
    description = "A grant before it is published; grants as data: validate, upload and list grant bundles.",
    subcommands = {GrantCommand.Diff.class, GrantDataCommands.Validate.class, GrantDataCommands.Upload.class,
        GrantDataCommands.ListGrants.class})
final class GrantCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "diff", mixinStandardHelpOptions = true,
      description = "Per recipient and pot, the allocation with the current inputs against the previous ones, totals per"
          + " pot, and for every input which file and whether it is official or illustrative.")
  static final class Diff implements Callable<Integer> {
    enum Format { table, csv, json }

    @Option(names = "--grant", defaultValue = "god-och-nara-vard-2025", description = "Grant id (default: ${DEFAULT-VALUE}).")
    String grantId;

    @Option(names = "--data-dir", defaultValue = "${env:BIDRAG_DATA_DIR}",
        description = "The current inputs: this directory over the bundled files (default: $BIDRAG_DATA_DIR; none: bundled).")
    Path dataDir;

    @Option(names = "--previous-data-dir",
        description = "The previous inputs: this directory over the bundled files (default: the bundled files alone).")
    Path previousDataDir;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--changed", description = "Only the recipients whose amounts differ.")
    boolean changedOnly;

    @Override
    public Integer call() {
      GrantDefinition grant = GrantCatalog.bundled().find(grantId)
          .orElseThrow(() -> new GrantDefinitionException("unknown grant '" + grantId + "' (no grants/" + grantId + ".json)"));
      AllocationDiff diff = AllocationDiff.between(grant, side(grant, previousDataDir), side(grant, dataDir));
      PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
      switch (format) {
        case json -> out.println(Json.pretty(AllocationDiffJson.diff(diff, changedOnly, null)));
        case csv -> DiffTables.csv(diff, changedOnly, out);
        case table -> DiffTables.table(diff, changedOnly, out);
      }
      out.flush();
      return 0;
    }

    private static AllocationDiff.Side side(GrantDefinition grant, Path dir) {
      DataFiles files = dir != null ? DataFiles.withOverride(dir) : DataFiles.bundled();
      return AllocationDiff.Side.of(dir != null ? dir + " over the bundled files" : "the bundled files",
          new AllocationEngine().allocate(grant, new BaseDataLoader(files).load(grant)));
    }
  }
}
