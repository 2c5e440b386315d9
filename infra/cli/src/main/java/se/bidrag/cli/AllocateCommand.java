package se.bidrag.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.AllocationJson;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.GrantDefinitionException;
import se.bidrag.grant.RecipientKind;
import se.bidrag.json.Json;

@Command(name = "allocate", mixinStandardHelpOptions = true,
    description = "Compute the grant's allocation to every region and municipality and print it.")
final class AllocateCommand implements Callable<Integer> {

  enum Format { table, csv, json }

  @Option(names = "--grant", defaultValue = "god-och-nara-vard-2025", description = "Grant id (default: ${DEFAULT-VALUE}).")
  String grantId;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--kind", description = "Only regions or only municipalities: region or kommun.")
  String kind;

  @Option(names = "--data-dir", defaultValue = "${env:BIDRAG_DATA_DIR}",
      description = "Directory whose data files win over the bundled ones (official drop-ins); default: $BIDRAG_DATA_DIR.")
  Path dataDir;

  @Override
  public Integer call() {
    RecipientKind only = null;
    if (kind != null) {
      only = RecipientKind.parse(kind).orElseThrow(
          () -> new IllegalArgumentException("--kind must be region or kommun, not '" + kind + "'"));
    }
    GrantDefinition grant = GrantCatalog.bundled().find(grantId)
        .orElseThrow(() -> new GrantDefinitionException("unknown grant '" + grantId + "' (no grants/" + grantId + ".json)"));
    DataFiles files = dataDir != null ? DataFiles.withOverride(dataDir) : DataFiles.bundled();
    Allocation allocation = new AllocationEngine().allocate(grant, new BaseDataLoader(files).load(grant));
    PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    switch (format) {
      case json -> out.println(Json.pretty(AllocationJson.allocation(allocation, only)));
      case csv -> AllocationTables.csv(allocation, only, out);
      case table -> AllocationTables.table(allocation, only, out);
    }
    out.flush();
    return 0;
  }
}
