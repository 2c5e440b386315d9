package se.bidrag.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Orgnr;
import se.bidrag.grant.Recipient;
import se.bidrag.grant.RecipientKind;
import se.bidrag.json.Json;

/**
 * Loads the base data a grant needs, as described by {@code data/datasets.json}, and refuses
 * anything it cannot vouch for: a missing or unknown municipality, a duplicate code, a negative
 * count, an unknown class, a region with no municipalities; for a grant with care-unit pots, the units
 * ({@link CareUnits}: each row checked). Nothing is computed from partial data.
 */
public final class BaseDataLoader {
  private static final String MANIFEST = "datasets.json";
  private static final Pattern KOMMUNKOD = Pattern.compile("\\d{4}");
  private static final Pattern LANKOD = Pattern.compile("\\d{2}");

  private final DataFiles files;
  private final Map<String, JsonNode> datasets = new LinkedHashMap<>();

  public BaseDataLoader(DataFiles files) {
    this.files = files;
    JsonNode manifest = Json.parse(new java.io.ByteArrayInputStream(
        files.read(MANIFEST).orElseThrow(() -> new DataException(MANIFEST, 0, null, "manifest not found")).bytes()));
    for (JsonNode d : manifest.path("datasets")) {
      datasets.put(d.path("id").asText(), d);
    }
  }

  /** A dataset loaded from its first existing candidate file. */
  private record Loaded(Csv csv, JsonNode candidate, Provenance provenance) {}

  public BaseData load(GrantDefinition grant) {
    List<Provenance> provenance = new ArrayList<>();
    Loaded muniFile = open("municipalities", List.of("kommunkod", "kommun", "lan_kod", "lan", "region"));
    provenance.add(muniFile.provenance());
    List<Municipality> municipalities = readMunicipalities(muniFile.csv());
    Map<String, Municipality> byCode = new LinkedHashMap<>();
    municipalities.forEach(m -> byCode.put(m.code(), m));
    Map<String, String> regionNames = new TreeMap<>();
    municipalities.forEach(m -> regionNames.put(m.lanCode(), m.regionName()));

    Map<String, String> orgnrs = new HashMap<>();
    Loaded orgFile = openOptional("organisation-numbers", List.of("kind", "code", "name", "orgnr"));
    if (orgFile != null) {
      provenance.add(orgFile.provenance());
      orgnrs = readOrgnrs(orgFile.csv(), byCode, regionNames);
    }

    List<Recipient> recipients = new ArrayList<>();
    boolean onlyUnits = !grant.pots().isEmpty()
        && grant.pots().stream().allMatch(p -> p.recipientKind() == RecipientKind.ENHET);
    if (!onlyUnits) {
      for (var region : regionNames.entrySet()) {
        recipients.add(Recipient.region(region.getKey(), region.getValue(), orgnrs.get("region-" + region.getKey())));
      }
      for (Municipality m : municipalities) {
        recipients.add(Recipient.kommun(m.code(), m.name(), m.lanCode(), m.regionName(), orgnrs.get("kommun-" + m.code())));
      }
    }
    List<CareUnit> units = List.of();
    Map<String, Map<String, Long>> unitCounts = new LinkedHashMap<>();
    String unitDataset = CareUnits.dataset(grant);
    if (unitDataset != null) {
      if (orgFile == null) {
        throw new DataException(MANIFEST, 0, "organisation-numbers", "care units need their owners' organisation numbers");
      }
      Loaded f = openKeyed(unitDataset, "units");
      provenance.add(f.provenance());
      CareUnits.Read read = CareUnits.read(f.csv(), f.candidate().path("keyColumn").asText(),
          f.candidate().path("valueColumn").asText(), byCode, new HashSet<>(orgnrs.values()));
      units = read.units();
      unitCounts.put(unitDataset, read.measure());
      for (CareUnit u : units) {
        recipients.add(Recipient.enhet(u.id(), u.name(), u.lanCode(), regionNames.get(u.lanCode()), u.ownerOrgnr()));
      }
    }

    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    for (GrantDefinition.Measure measure : grant.measures().values()) {
      if (!counts.containsKey(measure.dataset()) && !measure.dataset().equals(unitDataset)) {
        Loaded f = openKeyed(measure.dataset(), "count");
        provenance.add(f.provenance());
        counts.put(measure.dataset(), readCounts(f, byCode));
      }
    }
    Map<String, Map<String, String>> classes = new LinkedHashMap<>();
    for (GrantDefinition.Classification c : grant.classifications().values()) {
      Loaded f = openKeyed(c.dataset(), "classification");
      provenance.add(f.provenance());
      Map<String, String> values = readClasses(f, byCode);
      for (String cls : new LinkedHashSet<>(values.values())) {
        if (!c.weights().containsKey(cls)) {
          throw new DataException(f.provenance().file(), 0, f.candidate().path("valueColumn").asText(),
              "class '" + cls + "' has no weight in grant " + grant.id() + " (classifications." + c.id() + ".weights)");
        }
      }
      classes.put(c.dataset(), values);
    }
    return new BaseData(municipalities, recipients, counts, classes, provenance, units, unitCounts);
  }

  /** The municipalities alone (checked as in {@link #load}). */
  public List<Municipality> municipalities() {
    return readMunicipalities(open("municipalities", List.of("kommunkod", "kommun", "lan_kod", "lan", "region")).csv());
  }

  /** Reads a per-municipality decimal dataset (e.g. land area); used by the illustrative-data derivation. */
  public Map<String, BigDecimal> loadDecimals(String datasetId, List<Municipality> municipalities) {
    Loaded f = openKeyed(datasetId, "decimal");
    String key = f.candidate().path("keyColumn").asText();
    String column = f.candidate().path("valueColumn").asText();
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    Map<String, Municipality> byCode = new LinkedHashMap<>();
    municipalities.forEach(m -> byCode.put(m.code(), m));
    for (Csv.Row row : f.csv().rows) {
      String code = knownCode(f.csv(), row, key, byCode, values.keySet());
      try {
        BigDecimal v = new BigDecimal(row.get(column));
        if (v.signum() < 0) {
          throw new DataException(f.csv().file, row.line, column, "negative value " + v);
        }
        values.put(code, v);
      } catch (NumberFormatException e) {
        throw new DataException(f.csv().file, row.line, column, "'" + row.get(column) + "' is not a number");
      }
    }
    requireAll(f.csv().file, key, byCode, values.keySet());
    return values;
  }

  /** Reads a count dataset that the grant does not itself use (e.g. population 80+ for a derivation). */
  public Map<String, Long> loadCounts(String datasetId, List<Municipality> municipalities) {
    Map<String, Municipality> byCode = new LinkedHashMap<>();
    municipalities.forEach(m -> byCode.put(m.code(), m));
    return readCounts(openKeyed(datasetId, "count"), byCode);
  }

  public Provenance provenanceOf(String datasetId) {
    return open(datasetId, List.of()).provenance();
  }

  private List<Municipality> readMunicipalities(Csv csv) {
    List<Municipality> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<String, String> regionOfLan = new HashMap<>();
    for (Csv.Row row : csv.rows) {
      String code = row.get("kommunkod");
      if (!KOMMUNKOD.matcher(code).matches()) {
        throw new DataException(csv.file, row.line, "kommunkod", "'" + code + "' is not a 4-digit municipality code");
      }
      if (!seen.add(code)) {
        throw new DataException(csv.file, row.line, "kommunkod", "duplicate code " + code);
      }
      String lan = row.get("lan_kod");
      if (!LANKOD.matcher(lan).matches() || !code.startsWith(lan)) {
        throw new DataException(csv.file, row.line, "lan_kod", "'" + lan + "' is not the first two digits of " + code);
      }
      String region = row.get("region");
      String earlier = regionOfLan.putIfAbsent(lan, region);
      if (earlier != null && !earlier.equals(region)) {
        throw new DataException(csv.file, row.line, "region", "'" + region + "' but län " + lan + " was '" + earlier + "'");
      }
      result.add(new Municipality(code, row.get("kommun"), lan, row.get("lan"), region));
    }
    if (result.isEmpty()) {
      throw new DataException(csv.file, 0, null, "no municipalities");
    }
    result.sort(Comparator.comparing(Municipality::code));
    return result;
  }

  private Map<String, String> readOrgnrs(Csv csv, Map<String, Municipality> byCode, Map<String, String> regions) {
    Map<String, String> result = new HashMap<>();
    for (Csv.Row row : csv.rows) {
      String kind = row.get("kind");
      String code = row.get("code");
      String id;
      switch (kind) {
        case "kommun" -> {
          if (!byCode.containsKey(code)) {
            throw new DataException(csv.file, row.line, "code", "unknown municipality " + code);
          }
          id = "kommun-" + code;
        }
        case "region" -> {
          if (!regions.containsKey(code)) {
            throw new DataException(csv.file, row.line, "code", "region " + code + " has no municipalities");
          }
          id = "region-" + code;
        }
        default -> throw new DataException(csv.file, row.line, "kind", "'" + kind + "' is not kommun or region");
      }
      String orgnr = row.get("orgnr");
      if (!Orgnr.isValid(orgnr)) {
        throw new DataException(csv.file, row.line, "orgnr", "'" + orgnr + "' is not a valid organisationsnummer");
      }
      if (result.put(id, orgnr) != null) {
        throw new DataException(csv.file, row.line, "code", "duplicate " + kind + " " + code);
      }
    }
    for (Municipality m : byCode.values()) {
      if (!result.containsKey("kommun-" + m.code())) {
        throw new DataException(csv.file, 0, "code", "municipality " + m.code() + " (" + m.name() + ") is missing");
      }
    }
    for (var region : regions.entrySet()) {
      if (!result.containsKey("region-" + region.getKey())) {
        throw new DataException(csv.file, 0, "code", "region " + region.getKey() + " (" + region.getValue() + ") is missing");
      }
    }
    return result;
  }

  private Map<String, Long> readCounts(Loaded f, Map<String, Municipality> byCode) {
    String key = f.candidate().path("keyColumn").asText();
    String column = f.candidate().path("valueColumn").asText();
    Map<String, Long> values = new LinkedHashMap<>();
    for (Csv.Row row : f.csv().rows) {
      String code = knownCode(f.csv(), row, key, byCode, values.keySet());
      values.put(code, row.count(column));
    }
    requireAll(f.csv().file, key, byCode, values.keySet());
    return values;
  }

  private Map<String, String> readClasses(Loaded f, Map<String, Municipality> byCode) {
    String key = f.candidate().path("keyColumn").asText();
    String column = f.candidate().path("valueColumn").asText();
    Set<String> allowed = new HashSet<>();
    datasets.get(f.provenance().dataset()).path("classes").forEach(c -> allowed.add(c.asText()));
    Map<String, String> values = new LinkedHashMap<>();
    for (Csv.Row row : f.csv().rows) {
      String code = knownCode(f.csv(), row, key, byCode, values.keySet());
      String cls = row.get(column);
      if (!allowed.contains(cls)) {
        throw new DataException(f.csv().file, row.line, column, "unknown class '" + cls + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
      values.put(code, cls);
    }
    requireAll(f.csv().file, key, byCode, values.keySet());
    return values;
  }

  private static String knownCode(Csv csv, Csv.Row row, String key, Map<String, Municipality> byCode, Set<String> seen) {
    String code = row.get(key);
    if (!byCode.containsKey(code)) {
      throw new DataException(csv.file, row.line, key, "unknown municipality " + code);
    }
    if (seen.contains(code)) {
      throw new DataException(csv.file, row.line, key, "duplicate code " + code);
    }
    return code;
  }

  private static void requireAll(String file, String key, Map<String, Municipality> byCode, Set<String> present) {
    for (Municipality m : byCode.values()) {
      if (!present.contains(m.code())) {
        throw new DataException(file, 0, key, "municipality " + m.code() + " (" + m.name() + ") is missing");
      }
    }
  }

  private Loaded openKeyed(String datasetId, String expectedKind) {
    JsonNode d = dataset(datasetId);
    if (!d.path("kind").asText().equals(expectedKind)) {
      throw new DataException(MANIFEST, 0, datasetId, "is a " + d.path("kind").asText() + " dataset, not " + expectedKind);
    }
    return open(datasetId, null);
  }

  private JsonNode dataset(String datasetId) {
    JsonNode d = datasets.get(datasetId);
    if (d == null) {
      throw new DataException(MANIFEST, 0, datasetId, "no such dataset");
    }
    return d;
  }

  private Loaded openOptional(String datasetId, List<String> columns) {
    return datasets.containsKey(datasetId) ? tryOpen(datasetId, columns) : null;
  }

  private Loaded open(String datasetId, List<String> columns) {
    Loaded l = tryOpen(datasetId, columns);
    if (l == null) {
      List<String> names = new ArrayList<>();
      dataset(datasetId).path("candidates").forEach(c -> names.add(c.path("file").asText()));
      throw new DataException(MANIFEST, 0, datasetId, "none of its files exists: " + String.join(", ", names));
    }
    return l;
  }

  /** The first candidate file that exists; a missing optional dataset gives null. */
  private Loaded tryOpen(String datasetId, List<String> columns) {
    JsonNode d = dataset(datasetId);
    for (JsonNode c : d.path("candidates")) {
      String file = c.path("file").asText();
      var found = files.read(file);
      if (found.isEmpty()) {
        continue;
      }
      List<String> required = new ArrayList<>(columns != null ? columns
          : List.of(c.path("keyColumn").asText(), c.path("valueColumn").asText()));
      if (columns == null && d.path("kind").asText().equals("units")) {
        required.addAll(CareUnits.COLUMNS);
      }
      Csv csv = new Csv(found.get().location(), found.get().bytes(), required);
      String digest = sha256(found.get().bytes());
      ImportRecord imported = importRecord(datasetId, file, found.get().location(), digest);
      Provenance p = new Provenance(datasetId, file, c.path("status").asText(),
          imported != null ? imported.source() : c.path("source").asText(),
          imported != null ? imported.vintage() : c.path("vintage").asText(),
          c.hasNonNull("note") ? c.path("note").asText() : null, csv.rows.size(), digest,
          imported != null ? imported.toProvenance() : null);
      return new Loaded(csv, c, p);
    }
    return null;
  }

  /**
   * The record {@code ./bidrag data import} left beside the file, if any; a file changed after its import
   * (its digest no longer the recorded one) is refused.
   */
  private ImportRecord importRecord(String datasetId, String file, String location, String digest) {
    var found = files.read(file + ImportRecord.SUFFIX);
    if (found.isEmpty()) {
      return null;
    }
    ImportRecord r = ImportRecord.parse(found.get().location(), found.get().bytes());
    if (!r.dataset().equals(datasetId) || !r.file().equals(file)) {
      throw new DataException(found.get().location(), 0, "file", "records " + r.dataset() + "/" + r.file()
          + ", not " + datasetId + "/" + file);
    }
    if (!r.sha256().equals(digest)) {
      throw new DataException(location, 0, null, "changed after it was imported (SHA-256 " + digest
          + ", the import recorded " + r.sha256() + "); import the agency's file again with ./bidrag data import");
    }
    return r;
  }

  /** What an import of a dataset writes: the manifest's official candidate file and its columns. */
  public record OfficialTarget(String dataset, String kind, String file, String keyColumn, String valueColumn,
      String source, String vintage, List<String> classes) {}

  /** The official candidate of a dataset (the file an official drop-in has). */
  public OfficialTarget officialTarget(String datasetId) {
    JsonNode d = dataset(datasetId);
    for (JsonNode c : d.path("candidates")) {
      if (Provenance.OFFICIAL.equals(c.path("status").asText())) {
        List<String> classes = new ArrayList<>();
        d.path("classes").forEach(x -> classes.add(x.asText()));
        return new OfficialTarget(datasetId, d.path("kind").asText(), c.path("file").asText(),
            c.path("keyColumn").asText(), c.path("valueColumn").asText(), c.path("source").asText(),
            c.path("vintage").asText(), classes);
      }
    }
    throw new DataException(MANIFEST, 0, datasetId, "has no official candidate file");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
