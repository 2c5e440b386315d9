package se.bidrag.datatools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.json.Json;

/**
 * SCB's population per kommun on 1 November (statistical database table BE0101A/FolkmangdNov) as PX-Web exports it:
 * CSV or JSON-stat 2.0 (told apart by the first character). Both carry the region as SCB codes: 4 digits a kommun,
 * 2 a län, {@code 00} the country; län and country rows are not kommuner but are checked against the sum of their
 * kommuner (the file's own totals must add up).
 *
 * <p>CSV, as PX-Web's CSV serializer writes it: optionally a title line (one cell) and a blank line; a header row whose
 * first cell is {@code region}; then one row per region, {@code "0114 Upplands Väsby"} (or the code alone, or
 * {@code "0114 - Upplands Väsby"}) followed by one cell per heading column. The figure is taken from the column
 * whose heading holds the period's year (e.g. {@code 2024}, or {@code "Folkmängd 1 november 2024"}); with one
 * heading column that one. Comma, semicolon or tab; UTF-8 or Windows-1252; spaces between thousands allowed. Only
 * region may be in the rows: other variables (ålder, kön) must be eliminated in the export.
 *
 * <p>JSON-stat 2.0 ({@code "class": "dataset"}, {@code id}, {@code size}, {@code dimension}, {@code value} as an
 * array or an object of index → value): the region dimension is {@code role.geo} or the one named {@code Region},
 * time is {@code role.time} or {@code Tid}; the time category of the period is taken; every other dimension must
 * have one category or a total category ({@code tot}, {@code 1+2}, or a label starting "totalt").
 */
final class ScbPopulationReader {
  static final String READER_CSV = "scb-pxweb-csv";
  static final String READER_JSONSTAT = "scb-pxweb-json-stat2";

  private ScbPopulationReader() {}

  /** {@code year}: the year of the 1 November population the dataset wants (e.g. "2024"). */
  static Reading read(String file, byte[] bytes, String year) {
    String text = TextTable.decode(bytes).stripLeading();
    return text.startsWith("{") ? jsonStat(file, text, year) : csv(file, bytes, year);
  }

  private static Reading csv(String file, byte[] bytes, String year) {
    Table t = TextTable.read(file, bytes);
    List<Table.Row> rows = t.rows();
    int h = -1;
    for (int i = 0; i < Math.min(10, rows.size()) && h < 0; i++) {
      if (Cells.normal(rows.get(i).cell(0)).equals("region")) {
        h = i;
      }
    }
    if (h < 0) {
      List<String> seen = rows.stream().limit(5).map(r -> String.join(" | ", r.cells())).toList();
      throw new ImportException(file, "no header row whose first cell is 'region' in the first 10 lines (a PX-Web CSV"
          + " export of BE0101A/FolkmangdNov with region in the rows); found: " + String.join(" / ", seen));
    }
    Table.Row header = rows.get(h);
    List<Integer> yearColumns = new ArrayList<>();
    for (int c = 1; c < header.cells().size(); c++) {
      if (header.cell(c).contains(year)) {
        yearColumns.add(c);
      } else if (!header.cell(c).matches(".*\\d{4}.*")) {
        throw new ImportException(file, header.where() + ": '" + header.cell(c) + "' is a variable in the rows beside"
            + " region; export with only region in the rows (eliminate ålder and kön)");
      }
    }
    int column;
    if (header.cells().size() == 2 && yearColumns.isEmpty()) {
      throw new ImportException(file, header.where() + ": the only figure column is '" + header.cell(1)
          + "', not the year " + year);
    } else if (yearColumns.size() != 1) {
      throw new ImportException(file, header.where() + ": " + yearColumns.size() + " columns for the year " + year
          + " (headings: " + String.join(" | ", header.cells().subList(1, header.cells().size())) + ")");
    }
    column = yearColumns.get(0);
    String title = h > 0 ? rows.get(0).cell(0) : "";
    Reading r = new Reading(READER_CSV, "PX-Web CSV" + (title.isEmpty() ? "" : ", title '" + title + "'")
        + ", header " + header.where() + ", region in column 1, figures from column " + (column + 1) + " '"
        + header.cell(column) + "'", year + "-11-01");
    if (!Cells.normal(title + " " + header.cell(column)).contains("1 november")) {
      r.warnings.add("the export does not say it is the population on 1 November (title '" + title + "', heading '"
          + header.cell(column) + "'); the grant uses SCB's 1 November figures");
    }
    List<Region> regions = new ArrayList<>();
    for (int i = h + 1; i < rows.size(); i++) {
      Table.Row row = rows.get(i);
      if (row.isEmpty()) {
        continue;
      }
      Optional<String[]> region = Cells.codeAndName(row.cell(0));
      if (region.isEmpty()) {
        r.errors.add(row.where() + ": region '" + row.cell(0) + "' does not start with an SCB region code");
        continue;
      }
      regions.add(new Region(region.get()[0], region.get()[1], row.cell(column), row.where()));
    }
    return collect(r, regions);
  }

  private record Region(String code, String name, String value, String where) {}

  /** Kommuner into entries; country and län rows kept to check the kommuner's sums against. */
  private static Reading collect(Reading r, List<Region> regions) {
    Map<String, Long> lan = new LinkedHashMap<>();
    Map<String, Long> lanSums = new LinkedHashMap<>();
    long sum = 0;
    for (Region g : regions) {
      Optional<Long> n = Cells.count(g.value());
      if (n.isEmpty()) {
        r.errors.add(g.where() + ": no whole figure for " + g.code() + " " + g.name() + ": '" + g.value() + "'");
        continue;
      }
      if (g.code().equals("00")) {
        r.fileTotal = n.get();
        r.fileTotalWhere = g.where();
      } else if (g.code().length() == 2) {
        lan.put(g.code(), n.get());
      } else {
        r.entries.add(new Reading.Entry(g.code(), g.name(), Long.toString(n.get()), g.where()));
        lanSums.merge(g.code().substring(0, 2), n.get(), Long::sum);
        sum += n.get();
      }
    }
    lan.forEach((code, total) -> {
      long of = lanSums.getOrDefault(code, 0L);
      if (of != total) {
        r.errors.add("län " + code + ": the file says " + total + " but its kommuner add up to " + of);
      }
    });
    if (!lan.isEmpty()) {
      r.checks.add(lan.size() + " län rows equal the sums of their kommuner");
    }
    if (r.fileTotal != null) {
      if (r.fileTotal != sum) {
        r.errors.add(r.fileTotalWhere + ": the country's figure " + r.fileTotal + " is not the sum of the kommuner, " + sum);
      } else {
        r.checks.add("the country row (" + r.fileTotalWhere + ") equals the sum of the kommuner");
      }
    }
    return r;
  }

  private static Reading jsonStat(String file, String text, String year) {
    JsonNode root = Json.parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    if (!"dataset".equals(root.path("class").asText()) || !root.path("id").isArray() || !root.path("size").isArray()) {
      throw new ImportException(file, "not a JSON-stat 2.0 dataset (needs \"class\": \"dataset\", \"id\", \"size\","
          + " \"dimension\", \"value\")");
    }
    List<String> ids = new ArrayList<>();
    root.path("id").forEach(i -> ids.add(i.asText()));
    String geo = role(root, "geo", "Region", ids, file);
    String time = role(root, "time", "Tid", ids, file);
    int[] size = new int[ids.size()];
    int[] fixed = new int[ids.size()];
    List<String> chosen = new ArrayList<>();
    for (int d = 0; d < ids.size(); d++) {
      size[d] = root.path("size").get(d).asInt();
      JsonNode dim = root.path("dimension").path(ids.get(d));
      List<String> codes = categories(dim);
      if (codes.size() != size[d]) {
        throw new ImportException(file, "dimension " + ids.get(d) + " has " + codes.size() + " categories, size says " + size[d]);
      }
      if (ids.get(d).equals(geo)) {
        continue;
      }
      int pick = ids.get(d).equals(time) ? codes.indexOf(year) : single(dim, codes);
      if (pick < 0) {
        throw new ImportException(file, ids.get(d).equals(time) ? "time dimension " + time + " has no " + year
            + " (has " + String.join(", ", codes) + ")" : "dimension " + ids.get(d) + " has " + codes.size()
            + " categories and no total; export with it eliminated (not selected) or with its total only");
      }
      fixed[d] = pick;
      chosen.add(ids.get(d) + " " + codes.get(pick) + " '" + label(dim, codes.get(pick)) + "'");
    }
    Reading r = new Reading(READER_JSONSTAT, "JSON-stat 2.0, dimensions " + String.join("×", ids) + ", region " + geo
        + ", " + String.join(", ", chosen), year + "-11-01");
    String labels = Cells.normal(root.path("label").asText() + " " + String.join(" ", chosen));
    if (!labels.contains("1 november")) {
      r.warnings.add("the export does not say it is the population on 1 November (label '" + root.path("label").asText()
          + "'); the grant uses SCB's 1 November figures");
    }
    int g = ids.indexOf(geo);
    JsonNode geoDim = root.path("dimension").path(geo);
    List<String> regionCodes = categories(geoDim);
    List<Region> regions = new ArrayList<>();
    for (int k = 0; k < regionCodes.size(); k++) {
      fixed[g] = k;
      int flat = 0;
      for (int d = 0; d < ids.size(); d++) {
        flat = flat * size[d] + fixed[d];
      }
      JsonNode v = root.path("value").isArray() ? root.path("value").path(flat) : root.path("value").path(Integer.toString(flat));
      String code = regionCodes.get(k);
      String name = label(geoDim, code).replaceFirst("^" + code + "\\s*", "");
      regions.add(new Region(code, name, v.isNumber() ? v.asText() : v.isNull() || v.isMissingNode() ? "" : v.asText(),
          "region " + code + " (value " + flat + ")"));
    }
    for (Region region : regions) {
      if (!region.code().matches("\\d{2}|\\d{4}")) {
        r.errors.add(region.where() + ": '" + region.code() + "' is not an SCB region code");
      }
    }
    return collect(r, regions.stream().filter(x -> x.code().matches("\\d{2}|\\d{4}")).toList());
  }

  private static String role(JsonNode root, String role, String fallback, List<String> ids, String file) {
    JsonNode named = root.path("role").path(role);
    if (named.isArray() && named.size() == 1 && ids.contains(named.get(0).asText())) {
      return named.get(0).asText();
    }
    for (String id : ids) {
      if (id.equalsIgnoreCase(fallback)) {
        return id;
      }
    }
    throw new ImportException(file, "no " + role + " dimension (role." + role + " or '" + fallback + "'); dimensions: " + ids);
  }

  /** Category codes in index order (the index is an array of codes or an object code → position). */
  private static List<String> categories(JsonNode dim) {
    JsonNode index = dim.path("category").path("index");
    List<String> codes = new ArrayList<>();
    if (index.isArray()) {
      index.forEach(c -> codes.add(c.asText()));
    } else if (index.isObject()) {
      String[] byPosition = new String[index.size()];
      index.fields().forEachRemaining(e -> byPosition[e.getValue().asInt()] = e.getKey());
      codes.addAll(List.of(byPosition));
    } else {
      dim.path("category").path("label").fieldNames().forEachRemaining(codes::add);
    }
    return codes;
  }

  private static int single(JsonNode dim, List<String> codes) {
    if (codes.size() == 1) {
      return 0;
    }
    for (int i = 0; i < codes.size(); i++) {
      String c = codes.get(i).toLowerCase(java.util.Locale.ROOT);
      if (c.equals("tot") || c.equals("1+2") || c.equals("totsa") || Cells.normal(label(dim, codes.get(i))).startsWith("totalt")) {
        return i;
      }
    }
    return -1;
  }

  private static String label(JsonNode dim, String code) {
    return dim.path("category").path("label").path(code).asText(code);
  }
}
