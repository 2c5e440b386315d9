package se.bidrag.datatools;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tillväxtverket's municipality types ("Kommuntyper", the rural key) from its Excel workbook, one row per kommun.
 *
 * <p>The layout it expects, from the published descriptions: some sheet (the 2026 file's is {@code
 * KommuntyperSL2026}) has, within its first 20 rows, a header row with a {@code Kommunkod} column and the six-type
 * code column, recognised by its code in brackets, {@code SL6…_kod} (e.g. {@code "6 kommun-typer, kod,
 * (SL6KN_2026_kod)"}); the six-type name column {@code SL6…_namn} and {@code Kommunnamn} are read when present.
 * The 2021 edition is found the same way. Rows below the header are municipalities until the end; empty rows and
 * notes without a class are passed over.
 *
 * <p>The class is read from the name column when there is one, in either edition's words (Tillväxtanalys's "landsbygdskommuner
 * nära en större stad / avlägset belägna / mycket avlägset belägna" or the older "tätortsnära / glesa / mycket glesa
 * landsbygdskommuner" the grant's instructions use; case, spacing, punctuation and a leading number ignored), else from the
 * code column (1–6 in the published order). Where both are there, a code 1–6 must agree with the name, and no code
 * may stand for two classes. An unknown class is refused with its row.
 */
final class KommuntyperReader {
  static final String READER = "tillvaxtverket-kommuntyper-xlsx";
  private static final Pattern SL6_KOD = Pattern.compile("(?i)\\bSL6\\w*_kod\\b");
  private static final Pattern SL6_NAMN = Pattern.compile("(?i)\\bSL6\\w*_namn\\b");
  private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");
  private static final int HEADER_SEARCH_ROWS = 20;

  /** The grant's class ids, by the six types' published order (1–6). */
  static final List<String> CLASSES = List.of("storstadskommun", "tat-kommun", "blandad-kommun",
      "tatortsnara-landsbygdskommun", "glesa-landsbygdskommun", "mycket-glesa-landsbygdskommun");

  /** Every way the two editions name the six types (normalised by {@link Cells#normal}), to the type's number. */
  static final Map<String, Integer> NAMES = names();

  private static Map<String, Integer> names() {
    Map<String, Integer> m = new HashMap<>();
    String[][] byType = {
        {"storstadskommuner", "storstadskommun"},
        {"täta kommuner nära en större stad", "tät kommun nära en större stad", "täta kommuner nära en stad",
            "täta blandade kommuner", "tät blandad kommun"},
        {"täta kommuner avlägset belägna", "tät kommun avlägset belägen", "glesa blandade kommuner", "gles blandad kommun"},
        {"landsbygdskommuner nära en större stad", "landsbygdskommun nära en större stad", "landsbygdskommuner nära en stad",
            "tätortsnära landsbygdskommuner", "tätortsnära landsbygdskommun"},
        {"landsbygdskommuner avlägset belägna", "landsbygdskommun avlägset belägen", "glesa landsbygdskommuner",
            "gles landsbygdskommun"},
        {"landsbygdskommuner mycket avlägset belägna", "landsbygdskommun mycket avlägset belägen",
            "mycket glesa landsbygdskommuner", "mycket gles landsbygdskommun"}};
    for (int t = 0; t < byType.length; t++) {
      for (String n : byType[t]) {
        m.put(n, t + 1);
      }
    }
    return Map.copyOf(m);
  }

  private KommuntyperReader() {}

  /** Where the header was found. */
  private record Header(String sheet, Table table, int index, int code, int name, int typeCode, int typeName,
      String codeHeader, String edition) {}

  static Reading read(String file, byte[] bytes) {
    Xlsx workbook = Xlsx.read(file, bytes);
    Header h = header(file, workbook);
    String layout = "sheet " + h.sheet() + ", header row " + h.table().rows().get(h.index()).number() + ": Kommunkod ("
        + letter(h.code()) + ")" + (h.name() >= 0 ? ", Kommunnamn (" + letter(h.name()) + ")" : "") + ", "
        + h.codeHeader() + " (" + letter(h.typeCode()) + ")"
        + (h.typeName() >= 0 ? ", six-type names (" + letter(h.typeName()) + ")" : ", no six-type name column");
    Reading r = new Reading(READER, layout, h.edition());
    Map<String, Integer> typeOfCode = new LinkedHashMap<>();
    List<Table.Row> rows = h.table().rows();
    for (int i = h.index() + 1; i < rows.size(); i++) {
      Table.Row row = rows.get(i);
      String codeCell = row.cell(h.code());
      String typeCode = row.cell(h.typeCode());
      String typeName = h.typeName() >= 0 ? row.cell(h.typeName()) : "";
      Optional<String> code = Cells.kommunkod(codeCell);
      if (code.isEmpty()) {
        if (typeCode.isEmpty() && typeName.isEmpty()) {
          if (!codeCell.isEmpty()) {
            r.warnings.add(row.where() + ": passed over (no class): '" + codeCell + "'");
          }
          continue;
        }
        r.errors.add(row.where() + ": Kommunkod '" + codeCell + "' is not a 4-digit municipality code");
        continue;
      }
      Integer type = type(r, row, typeCode, typeName, typeOfCode);
      if (type != null) {
        r.entries.add(new Reading.Entry(code.get(), h.name() >= 0 ? row.cell(h.name()) : "", CLASSES.get(type - 1),
            row.where()));
      }
    }
    r.checks.add("classes read from " + (h.typeName() >= 0 ? "the six-type names (codes checked against them)"
        : "the six-type codes 1–6"));
    return r;
  }

  /** The row's type 1–6, or null after recording why it is refused. */
  private static Integer type(Reading r, Table.Row row, String code, String name, Map<String, Integer> typeOfCode) {
    Integer byCode = Cells.count(code).filter(n -> n >= 1 && n <= 6).map(Long::intValue).orElse(null);
    if (name.isEmpty()) {
      if (byCode == null) {
        r.errors.add(row.where() + ": unknown class code '" + code + "' (known: 1–6, or a six-type name)");
      }
      return byCode;
    }
    Integer byName = NAMES.get(Cells.normal(name).replaceFirst("^\\d+ ", ""));
    if (byName == null) {
      r.errors.add(row.where() + ": unknown class '" + name + "' (code '" + code + "'); known: the six types' names of"
          + " the 2021 edition or of SL6");
      return null;
    }
    if (byCode != null && !byCode.equals(byName)) {
      r.errors.add(row.where() + ": class '" + name + "' is type " + byName + ", but its code is " + code);
      return null;
    }
    Integer earlier = typeOfCode.putIfAbsent(code, byName);
    if (earlier != null && !earlier.equals(byName)) {
      r.errors.add(row.where() + ": code '" + code + "' stands for '" + name + "' here but for type " + earlier
          + " (" + CLASSES.get(earlier - 1) + ") above");
      return null;
    }
    return byName;
  }

  private static Header header(String file, Xlsx workbook) {
    List<String> seen = new ArrayList<>();
    for (String sheet : workbook.sheetNames()) {
      Table t = workbook.sheet(sheet);
      for (int i = 0; i < Math.min(HEADER_SEARCH_ROWS, t.rows().size()); i++) {
        Table.Row row = t.rows().get(i);
        int code = -1;
        int name = -1;
        int typeCode = -1;
        int typeName = -1;
        String codeHeader = null;
        for (int c = 0; c < row.cells().size(); c++) {
          String cell = row.cell(c);
          String n = Cells.normal(cell);
          Matcher kod = SL6_KOD.matcher(cell);
          if (kod.find() && typeCode < 0) {
            typeCode = c;
            codeHeader = kod.group();
          } else if (SL6_NAMN.matcher(cell).find() && typeName < 0) {
            typeName = c;
          } else if (n.equals("kommunkod") || n.equals("kommun kod") || n.equals("kommunkod kod")) {
            code = code < 0 ? c : code;
          } else if (n.equals("kommunnamn") || n.equals("kommun namn") || n.equals("kommun")) {
            name = name < 0 ? c : name;
          }
        }
        if (code >= 0 && typeCode >= 0) {
          Matcher year = YEAR.matcher(codeHeader);
          return new Header(sheet, t, i, code, name, typeCode, typeName, codeHeader, year.find() ? year.group() : "unknown");
        }
        if (!row.isEmpty()) {
          seen.add("sheet " + sheet + " row " + row.number() + ": " + String.join(" | ", row.cells()));
        }
      }
    }
    throw new ImportException(file, "no sheet has a header row (within its first " + HEADER_SEARCH_ROWS
        + " rows) with a 'Kommunkod' column and a six-type code column named by its code in brackets (SL6…_kod, e.g."
        + " '(SL6KN_2026_kod)'); sheets: " + String.join(", ", workbook.sheetNames()) + "; found: "
        + (seen.isEmpty() ? "no text" : String.join(" / ", seen.subList(0, Math.min(6, seen.size())))));
  }

  static String letter(int column) {
    StringBuilder sb = new StringBuilder();
    for (int c = column + 1; c > 0; c = (c - 1) / 26) {
      sb.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return sb.toString();
  }
}
