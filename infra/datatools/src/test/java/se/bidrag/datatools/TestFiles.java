package se.bidrag.datatools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.Municipality;
import se.bidrag.json.Json;

/**
 * TEST DATA, not the agencies' figures: files in the layouts of the official exports, for all 290 kommuner, built
 * in the tests (nothing binary is committed). The workbooks are written by an independent library (fastexcel), so
 * the reader meets SpreadsheetML as a real writer produces it. Classes: the bundled illustrative rural classes,
 * their 160 urban municipalities split by population density into Tillväxtverket's published counts (29 densest
 * storstad, 103 täta nära, 28 täta avlägset); population: SCB's 31 December 2024 figures (not 1 November); care:
 * the bundled illustrative counts. Every file says TESTDATA in its title.
 */
final class TestFiles {
  static final String TITLE = "TESTDATA (Bidrag) – inte myndighetens uppgifter";
  static final BaseDataLoader LOADER = new BaseDataLoader(DataFiles.bundled());
  static final List<Municipality> KOMMUNER = LOADER.municipalities();
  static final Map<String, Long> POPULATION = LOADER.loadCounts("population", KOMMUNER);
  static final Map<String, Long> CARE = LOADER.loadCounts("care-recipients", KOMMUNER);
  static final Map<String, Integer> TYPES = types();

  /** SL6 names (2026 layout) and the 2021 edition's names, by type 1–6. */
  static final List<String> SL6_NAMES = List.of("Storstadskommuner", "Täta kommuner nära en större stad",
      "Täta kommuner avlägset belägna", "Landsbygdskommuner nära en större stad", "Landsbygdskommuner avlägset belägna",
      "Landsbygdskommuner mycket avlägset belägna");
  static final List<String> NAMES_2021 = List.of("Storstadskommuner", "Täta blandade kommuner", "Glesa blandade kommuner",
      "Tätortsnära landsbygdskommuner", "Glesa landsbygdskommuner", "Mycket glesa landsbygdskommuner");

  private TestFiles() {}

  private static Map<String, Integer> types() {
    Map<String, String> rural = new LinkedHashMap<>();
    for (String line : IllustrativeDataTest.bundledLines(IllustrativeData.RURAL_FILE)) {
      String[] f = line.split(",");
      rural.put(f[0], f[2]);
    }
    Map<String, BigDecimal> area = LOADER.loadDecimals("land-area", KOMMUNER);
    List<Municipality> urban = new ArrayList<>(KOMMUNER.stream()
        .filter(m -> rural.get(m.code()).equals("ej-landsbygdskommun")).toList());
    urban.sort(Comparator.comparing((Municipality m) -> BigDecimal.valueOf(POPULATION.get(m.code()))
        .divide(area.get(m.code()), 6, java.math.RoundingMode.HALF_EVEN)).reversed().thenComparing(Municipality::code));
    Map<String, Integer> t = new TreeMap<>();
    for (int i = 0; i < urban.size(); i++) {
      t.put(urban.get(i).code(), i < 29 ? 1 : i < 29 + 103 ? 2 : 3);
    }
    rural.forEach((code, c) -> {
      switch (c) {
        case "tatortsnara-landsbygdskommun" -> t.put(code, 4);
        case "glesa-landsbygdskommun" -> t.put(code, 5);
        case "mycket-glesa-landsbygdskommun" -> t.put(code, 6);
        default -> { }
      }
    });
    return t;
  }

  /** One row of a workbook: cells as Strings (shared strings) or Numbers. */
  static List<Object> row(Object... cells) {
    return new ArrayList<>(java.util.Arrays.asList(cells));
  }

  /** A workbook with one sheet per entry (rows from row 1; null cells left empty), written by fastexcel. */
  static byte[] xlsx(Map<String, List<List<Object>>> sheets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Workbook wb = new Workbook(out, "TestFiles", "1.0");
      for (var sheet : sheets.entrySet()) {
        Worksheet ws = wb.newWorksheet(sheet.getKey());
        List<List<Object>> rows = sheet.getValue();
        for (int r = 0; r < rows.size(); r++) {
          for (int c = 0; c < rows.get(r).size(); c++) {
            Object v = rows.get(r).get(c);
            if (v instanceof Number n) {
              ws.value(r, c, n);
            } else if (v != null) {
              ws.value(r, c, v.toString());
            }
          }
        }
        ws.finish();
      }
      wb.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Tillväxtverket's 2026 layout: sheet KommuntyperSL2026, a title on row 1, the header on row 2 (texts as
   * described, spacing included), one row per kommun; {@code change} may edit the kommun rows.
   */
  static byte[] kommuntyper2026(Function<List<List<Object>>, List<List<Object>>> change) {
    List<List<Object>> rows = new ArrayList<>();
    for (Municipality m : KOMMUNER) {
      int t = TYPES.get(m.code());
      int sl3 = t == 1 ? 1 : t <= 3 ? 2 : 3;
      rows.add(row(m.code(), m.name(), m.lanCode(), m.lan(), sl3,
          List.of("Storstadskommuner", "Täta kommuner", "Landsbygdskommuner").get(sl3 - 1), t, SL6_NAMES.get(t - 1)));
    }
    List<List<Object>> sheet = new ArrayList<>();
    sheet.add(row(TITLE + ": kommuntyper i 2026 års layout"));
    sheet.add(row("Kommunkod", "Kommunnamn", "Län kod", "Län namn", "Kommun-typer 2026 kod (SL3KN_2026)",
        "Kommuntyper 2026  namn, (SL3_2026)", "6 kommun-typer, kod, (SL6KN_2026_kod)",
        "6 Kommuntyper, namn,  2026 (SL6KN_2026_namn)"));
    sheet.addAll(change.apply(rows));
    Map<String, List<List<Object>>> sheets = new LinkedHashMap<>();
    sheets.put("Information", List.of(row(TITLE), row("Källa: härledd testdata")));
    sheets.put("KommuntyperSL2026", sheet);
    return xlsx(sheets);
  }

  /**
   * An assumed 2021 layout (that edition's workbook is not described anywhere reachable): header on row 1 with the
   * codes in brackets, the older names, codes stored as numbers (so 0114 is the number 114).
   */
  static byte[] kommuntyper2021() {
    List<List<Object>> sheet = new ArrayList<>();
    sheet.add(row("Kommunkod", "Kommunnamn", "Kommuntyp, kod (SL6KN_2021_kod)", "Kommuntyp, namn (SL6KN_2021_namn)"));
    for (Municipality m : KOMMUNER) {
      int t = TYPES.get(m.code());
      sheet.add(row(Integer.parseInt(m.code()), m.name(), t, NAMES_2021.get(t - 1)));
    }
    sheet.add(row((Object) null));
    sheet.add(row("Källa: " + TITLE));
    return xlsx(Map.of("Kommuntyper 2021", sheet));
  }

  /** SCB's PX-Web CSV layout (title, blank line, header, country, län and kommun rows), in the given encoding. */
  static byte[] scbCsv(Function<List<String>, List<String>> change, Charset charset, String delimiter) {
    List<String> lines = new ArrayList<>();
    lines.add("\"" + TITLE + ": Folkmängden den 1 november efter region och år\"");
    lines.add("");
    lines.add(String.join(delimiter, "\"region\"", "\"2024\""));
    long total = POPULATION.values().stream().mapToLong(Long::longValue).sum();
    lines.add(String.join(delimiter, "\"00 Riket\"", Long.toString(total)));
    Map<String, Long> lan = new TreeMap<>();
    Map<String, String> lanNames = new TreeMap<>();
    KOMMUNER.forEach(m -> {
      lan.merge(m.lanCode(), POPULATION.get(m.code()), Long::sum);
      lanNames.put(m.lanCode(), m.lan());
    });
    lan.forEach((code, n) -> lines.add(String.join(delimiter, "\"" + code + " " + lanNames.get(code) + "\"", Long.toString(n))));
    List<String> kommuner = new ArrayList<>();
    KOMMUNER.forEach(m -> kommuner.add(String.join(delimiter, "\"" + m.code() + " " + m.name() + "\"",
        Long.toString(POPULATION.get(m.code())))));
    lines.addAll(change.apply(kommuner));
    return (String.join("\r\n", lines) + "\r\n").getBytes(charset);
  }

  /** SCB's PX-Web JSON-stat 2.0 layout: Region (country, kommuner) × ContentsCode × Tid; {@code change} edits code → value. */
  static byte[] scbJsonStat(Function<Map<String, Long>, Map<String, Long>> change) {
    Map<String, Long> values = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    values.put("00", POPULATION.values().stream().mapToLong(Long::longValue).sum());
    labels.put("00", "Riket");
    KOMMUNER.forEach(m -> {
      values.put(m.code(), POPULATION.get(m.code()));
      labels.put(m.code(), m.name());
    });
    Map<String, Long> changed = change.apply(values);
    ObjectNode root = Json.object().put("version", "2.0").put("class", "dataset")
        .put("label", TITLE + ": Folkmängden den 1 november efter region, tabellinnehåll och år");
    root.putArray("id").add("Region").add("ContentsCode").add("Tid");
    root.putArray("size").add(changed.size()).add(1).add(1);
    ObjectNode dims = root.putObject("dimension");
    ObjectNode region = dims.putObject("Region").put("label", "region").putObject("category");
    ObjectNode index = region.putObject("index");
    ObjectNode label = region.putObject("label");
    int i = 0;
    for (String code : changed.keySet()) {
      index.put(code, i++);
      label.put(code, labels.getOrDefault(code, "Okänd"));
    }
    dims.putObject("ContentsCode").put("label", "tabellinnehåll").putObject("category")
        .set("label", Json.object().put("BE0101A9", "Folkmängd 1 november"));
    ((ObjectNode) dims.path("ContentsCode").path("category")).set("index", Json.object().put("BE0101A9", 0));
    dims.putObject("Tid").put("label", "år").putObject("category").set("index", Json.object().put("2024", 0));
    ((ObjectNode) dims.path("Tid").path("category")).set("label", Json.object().put("2024", "2024"));
    ObjectNode role = root.putObject("role");
    role.putArray("geo").add("Region");
    role.putArray("time").add("Tid");
    ArrayNode v = root.putArray("value");
    changed.values().forEach(x -> {
      if (x == null) {
        v.addNull();
      } else {
        v.add(x);
      }
    });
    return Json.write(root).getBytes(StandardCharsets.UTF_8);
  }

  /** Socialstyrelsen's statistics-database export, as text: title lines, then År;Region;Antal patienter. */
  static byte[] careCsv(Function<List<String>, List<String>> change) {
    List<String> lines = new ArrayList<>();
    lines.add("Statistikdatabas för kommunal hälso- och sjukvård");
    lines.add(TITLE + ": antal personer per kommun (härledda, illustrativa tal)");
    lines.add("");
    lines.add("År;Region;Antal patienter");
    lines.add("2023;Riket;" + CARE.values().stream().mapToLong(Long::longValue).sum());
    List<String> rows = new ArrayList<>();
    KOMMUNER.forEach(m -> rows.add("2023;" + m.code() + " " + m.name() + ";" + CARE.get(m.code())));
    lines.addAll(change.apply(rows));
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The same as a workbook, with kommuner named only (no codes), counts as numbers. */
  static byte[] careXlsx() {
    List<List<Object>> sheet = new ArrayList<>();
    sheet.add(row(TITLE));
    sheet.add(row("Kommun", "År", "Antal personer"));
    KOMMUNER.forEach(m -> sheet.add(row(m.name(), "2023", CARE.get(m.code()))));
    return xlsx(Map.of("Resultat", sheet));
  }
}
