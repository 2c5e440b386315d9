package se.bidrag.datatools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.ImportRecord;
import se.bidrag.allocation.Municipality;
import se.bidrag.allocation.Provenance;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.json.Json;

/**
 * Takes in an agency's file: reads it with the reader for its dataset, validates it against SCB's municipalities
 * and the published national figures, and (when nothing is refused) writes the canonical CSV the allocation reads,
 * under the name datasets.json gives the dataset's official file, with an import record beside it (the original
 * file's name and SHA-256, the reader, the layout, the report). Then it loads the written file the way the
 * allocation does, to prove it is taken as official.
 */
public final class OfficialImport {
  /** The datasets that have a reader. */
  public static final List<String> DATASETS = List.of("rural-class", "population", "care-recipients");

  private OfficialImport() {}

  /**
   * What happened: the report lines (each starting {@code ok}, {@code warning} or {@code error}), and the files
   * written (none when refused or only checked).
   */
  public record Result(boolean ok, List<String> lines, List<Path> written) {}

  /**
   * @param period the year the figures are for, where the file does not say or says several (care); the population's
   *     year defaults to the dataset's vintage (2024 for 2024-11-01)
   * @param directory where to write; null to check only
   */
  public static Result run(String datasetId, Path source, String period, Path directory, GrantDefinition grant) {
    if (!DATASETS.contains(datasetId)) {
      throw new IllegalArgumentException("no reader for dataset '" + datasetId + "'; readers: " + String.join(", ", DATASETS));
    }
    BaseDataLoader loader = new BaseDataLoader(DataFiles.bundled());
    List<Municipality> municipalities = loader.municipalities();
    BaseDataLoader.OfficialTarget target = loader.officialTarget(datasetId);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(source);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    String file = source.getFileName().toString();
    String originalSha = sha256(bytes);
    Reading reading = switch (datasetId) {
      case "rural-class" -> KommuntyperReader.read(file, bytes);
      case "population" -> ScbPopulationReader.read(file, bytes, period != null ? period : target.vintage().substring(0, 4));
      default -> CareCountReader.read(file, bytes, period, names(municipalities));
    };
    Validation.Report report = Validation.validate(target, reading, municipalities);
    List<String> warnings = new ArrayList<>(report.warnings());
    if (datasetId.equals("rural-class") && !reading.vintage.equals(target.vintage())) {
      warnings.add("the workbook is the " + reading.vintage + " edition; the dataset names " + target.vintage()
          + " (the grant's definition says which edition it uses)");
    }
    List<String> lines = new ArrayList<>();
    lines.add("Importing " + datasetId + " from " + source + " (SHA-256 " + originalSha + ", " + bytes.length + " bytes)");
    lines.add("reader " + reading.reader + "; layout: " + reading.layout + "; vintage " + reading.vintage);
    report.checks().forEach(c -> lines.add("ok       " + c));
    warnings.forEach(w -> lines.add("warning  " + w));
    report.errors().forEach(e -> lines.add("error    " + e));
    if (!report.ok()) {
      lines.add("refused: " + report.errors().size() + " error(s); nothing written");
      return new Result(false, lines, List.of());
    }
    if (directory == null) {
      lines.add("valid; nothing written (check only)");
      return new Result(true, lines, List.of());
    }
    byte[] csv = canonical(target, municipalities, report.values()).getBytes(StandardCharsets.UTF_8);
    ImportRecord record = new ImportRecord(datasetId, target.file(), sha256(csv), source(datasetId, reading, file),
        reading.vintage, file, originalSha, bytes.length, reading.reader, reading.layout, report.checks(), warnings);
    Path csvPath = directory.resolve(target.file());
    Path recordPath = directory.resolve(target.file() + ImportRecord.SUFFIX);
    try {
      Files.createDirectories(directory);
      Files.write(csvPath, csv);
      Files.writeString(recordPath, Json.pretty(record.toJson()) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + directory, e);
    }
    Provenance p = new BaseDataLoader(DataFiles.withOverride(directory)).load(grant).provenance().stream()
        .filter(x -> x.dataset().equals(datasetId)).findFirst().orElseThrow();
    lines.add("wrote " + csvPath + " (SHA-256 " + record.sha256() + ") and " + recordPath.getFileName());
    lines.add("ok       the allocation of " + grant.id() + " now reads " + p.file() + " as " + p.status() + ", imported from "
        + p.imported().originalFile());
    return new Result(true, lines, List.of(csvPath, recordPath));
  }

  private static String source(String datasetId, Reading reading, String file) {
    return switch (datasetId) {
      case "rural-class" -> "Tillväxtverket, kommuntyper (six types), edition " + reading.vintage + ": " + file;
      case "population" -> "SCB, folkmängd 1 november (BE0101A/FolkmangdNov), PX-Web export: " + file;
      default -> "Socialstyrelsen, statistikdatabasen för kommunal hälso- och sjukvård, " + reading.vintage + ": " + file;
    };
  }

  /** The CSV the allocation reads: the official file's documented columns, SCB's names, SCB's order. */
  static String canonical(BaseDataLoader.OfficialTarget target, List<Municipality> municipalities,
      Map<String, String> values) {
    boolean lan = target.dataset().equals("population");
    StringBuilder sb = new StringBuilder(target.keyColumn()).append(",kommun").append(lan ? ",lan_kod" : "")
        .append(',').append(target.valueColumn()).append('\n');
    for (Municipality m : municipalities) {
      sb.append(m.code()).append(',').append(csvText(m.name())).append(lan ? "," + m.lanCode() : "").append(',')
          .append(values.get(m.code())).append('\n');
    }
    return sb.toString();
  }

  private static String csvText(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static Map<String, String> names(List<Municipality> municipalities) {
    Map<String, String> m = new LinkedHashMap<>();
    municipalities.forEach(x -> m.put(Cells.normal(x.name()), x.code()));
    return m;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
