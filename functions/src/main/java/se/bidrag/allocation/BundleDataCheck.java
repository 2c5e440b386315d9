package se.bidrag.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.GrantUploads;
import se.bidrag.json.Json;

/**
 * The data checks of an uploaded grant, gathering every problem: the datasets its measures and classifications
 * name (in the bundle's {@code datasets.json}, else the bundled one), each file's unknown and duplicate
 * municipality codes, unreadable counts, unknown classes and missing municipalities (each named; a care-unit
 * dataset's rows are checked by the allocation, {@link CareUnits}), a weight for a class the dataset does not
 * have, a class in the data without a weight, and files in the bundle that no dataset names. When all that is
 * clean and the definition has no problem, the allocation is computed as the function would
 * ({@link BaseDataLoader}, {@link AllocationEngine}) and whatever it refuses is reported too.
 */
public final class BundleDataCheck implements GrantUploads.DataCheck {
  private static final String MANIFEST = GrantBundle.DATASETS_FILE;
  private static final String UNITS = "units";
  private static final JsonNode MISSING = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  @Override
  public List<String> problems(GrantDefinition grant, GrantBundle bundle, boolean complete) {
    List<String> problems = new ArrayList<>();
    DataFiles files = DataFiles.bundled().withGrantFiles(bundle.dataFiles());
    Map<String, JsonNode> datasets = new LinkedHashMap<>();
    try {
      JsonNode manifest = Json.parse(new ByteArrayInputStream(files.read(MANIFEST).orElseThrow().bytes()));
      for (JsonNode d : manifest.path("datasets")) {
        datasets.put(d.path("id").asText(), d);
      }
    } catch (RuntimeException e) {
      problems.add(MANIFEST + ": not a readable dataset manifest: " + e.getMessage());
      return problems;
    }
    unnamedFiles(bundle, datasets, problems);

    List<Municipality> municipalities;
    try {
      municipalities = new BaseDataLoader(files).municipalities();
    } catch (DataException e) {
      problems.add(e.getMessage());
      return problems;
    }
    Map<String, Municipality> byCode = new LinkedHashMap<>();
    municipalities.forEach(m -> byCode.put(m.code(), m));

    Set<String> checked = new HashSet<>();
    for (GrantDefinition.Measure m : grant.measures().values()) {
      if (m.dataset() != null && checked.add(m.dataset())) {
        // a measure per care unit: its rows are checked by the allocation below (CareUnits, naming file, row, column)
        String kind = UNITS.equals(datasets.getOrDefault(m.dataset(), MISSING).path("kind").asText()) ? UNITS : "count";
        dataset(files, datasets, m.dataset(), kind, "measures." + m.id() + ".dataset", byCode, problems);
      }
    }
    for (GrantDefinition.Classification c : grant.classifications().values()) {
      String path = "classifications." + c.id();
      if (c.dataset() == null) {
        continue;
      }
      Set<String> used = dataset(files, datasets, c.dataset(), "classification", path + ".dataset", byCode, problems);
      JsonNode d = datasets.get(c.dataset());
      if (d == null) {
        continue;
      }
      Set<String> declared = new TreeSet<>();
      d.path("classes").forEach(x -> declared.add(x.asText()));
      for (String cls : c.weights().keySet()) {
        if (!declared.contains(cls)) {
          problems.add(GrantBundle.GRANT_FILE + ": " + path + ".weights." + cls + ": class '" + cls
              + "' is not a class of dataset " + c.dataset() + " (its classes: " + String.join(", ", declared) + ")");
        }
      }
      for (String cls : used) {
        if (!c.weights().containsKey(cls)) {
          problems.add(GrantBundle.GRANT_FILE + ": " + path + ".weights: class '" + cls + "', which the data of "
              + c.dataset() + " uses, has no weight");
        }
      }
    }
    if (problems.isEmpty() && complete) {
      try {
        new AllocationEngine().allocate(grant, new BaseDataLoader(files).load(grant));
      } catch (RuntimeException e) {
        problems.add(e.getMessage());
      }
    }
    return problems;
  }

  private static void unnamedFiles(GrantBundle bundle, Map<String, JsonNode> datasets, List<String> problems) {
    Set<String> named = new HashSet<>();
    named.add(MANIFEST);
    for (JsonNode d : datasets.values()) {
      for (JsonNode c : d.path("candidates")) {
        named.add(c.path("file").asText());
        named.add(c.path("file").asText() + ImportRecord.SUFFIX);
      }
    }
    for (String name : bundle.dataFiles().keySet()) {
      if (!named.contains(name)) {
        problems.add(name + ": no dataset of " + MANIFEST + " names this file");
      }
    }
  }

  /** Checks a dataset's first existing file row by row; answers the classes it uses (classifications). */
  private static Set<String> dataset(DataFiles files, Map<String, JsonNode> datasets, String datasetId, String kind,
      String path, Map<String, Municipality> byCode, List<String> problems) {
    Set<String> used = new LinkedHashSet<>();
    JsonNode d = datasets.get(datasetId);
    if (d == null) {
      problems.add(GrantBundle.GRANT_FILE + ": " + path + ": dataset '" + datasetId + "' is not in " + MANIFEST);
      return used;
    }
    if (!d.path("kind").asText().equals(kind)) {
      problems.add(GrantBundle.GRANT_FILE + ": " + path + ": dataset '" + datasetId + "' is a "
          + d.path("kind").asText() + " dataset, not " + kind);
      return used;
    }
    JsonNode candidate = null;
    DataFiles.Found found = null;
    List<String> names = new ArrayList<>();
    for (JsonNode c : d.path("candidates")) {
      names.add(c.path("file").asText());
      var f = files.read(c.path("file").asText());
      if (f.isPresent()) {
        candidate = c;
        found = f.get();
        break;
      }
    }
    if (found == null) {
      problems.add(MANIFEST + ": " + datasetId + ": none of its files exists: " + String.join(", ", names));
      return used;
    }
    if (kind.equals(UNITS)) {
      return used; // keyed by unit, not by municipality: the allocation reads it row by row
    }
    String key = candidate.path("keyColumn").asText();
    String column = candidate.path("valueColumn").asText();
    Csv csv;
    try {
      csv = new Csv(found.location(), found.bytes(), List.of(key, column));
    } catch (DataException e) {
      problems.add(e.getMessage());
      return used;
    }
    Set<String> allowed = new HashSet<>();
    d.path("classes").forEach(c -> allowed.add(c.asText()));
    Set<String> seen = new HashSet<>();
    for (Csv.Row row : csv.rows) {
      try {
        String code = row.get(key);
        if (!byCode.containsKey(code)) {
          problems.add(new DataException(csv.file, row.line, key, "unknown municipality " + code).getMessage());
          continue;
        }
        if (!seen.add(code)) {
          problems.add(new DataException(csv.file, row.line, key, "duplicate code " + code).getMessage());
          continue;
        }
        if (kind.equals("count")) {
          row.count(column);
        } else {
          String cls = row.get(column);
          if (!allowed.contains(cls)) {
            problems.add(new DataException(csv.file, row.line, column, "unknown class '" + cls + "' (known: "
                + String.join(", ", new TreeSet<>(allowed)) + ")").getMessage());
          } else {
            used.add(cls);
          }
        }
      } catch (DataException e) {
        problems.add(e.getMessage());
      }
    }
    for (Municipality m : byCode.values()) {
      if (!seen.contains(m.code())) {
        problems.add(new DataException(csv.file, 0, key, "municipality " + m.code() + " (" + m.name() + ") is missing")
            .getMessage());
      }
    }
    return used;
  }
}
