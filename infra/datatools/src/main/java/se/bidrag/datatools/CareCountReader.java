package se.bidrag.datatools;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Socialstyrelsen's count of individuals with municipal health care per kommun (the register of interventions in
 * municipal health care, KHS), as its statistical database exports a table: an .xlsx workbook (first sheet) or a
 * CSV/text file (comma, semicolon or tab; UTF-8 or Windows-1252).
 *
 * <p>The layout it expects (no per-kommun export was reachable, so this follows what is known: "the kommun as code
 * and name"): title lines may come first; within the first 30 rows a header row with a region column (heading
 * {@code Region}, {@code Kommun} or {@code Kommunkod}) and one count column whose heading starts with {@code Antal}
 * (e.g. "Antal patienter", "Antal personer"); an {@code År} column when there is one. Region cells: {@code "0114
 * Upplands Väsby"}, {@code "0114"} or the kommun's name as SCB writes it ("Upplands Väsby"; a trailing " kommun"
 * ignored). Rows for the country ({@code Riket}, {@code Hela riket}, {@code 00}) give the file's national figure;
 * län and region rows are passed over. Counts are whole numbers; a masked or missing figure ("X", "..", "-") is
 * refused with its row. With an År column the rows of the requested year are taken.
 */
final class CareCountReader {
  static final String READER = "socialstyrelsen-statistikdatabas-export";
  private static final Set<String> REGION_HEADERS = Set.of("region", "kommun", "kommunkod", "kommun kod", "kommunnamn");
  private static final Set<String> COUNTRY = Set.of("riket", "hela riket", "sverige", "samtliga kommuner", "00 riket");

  private CareCountReader() {}

  /** {@code names}: kommun name (lower case) → code, for exports that name kommuner without codes. */
  static Reading read(String file, byte[] bytes, String year, Map<String, String> names) {
    Table t = isZip(bytes) ? firstSheet(file, bytes) : TextTable.read(file, bytes);
    List<Table.Row> rows = t.rows();
    int h = -1;
    int region = -1;
    int yearColumn = -1;
    List<Integer> counts = new ArrayList<>();
    for (int i = 0; i < Math.min(30, rows.size()) && h < 0; i++) {
      Table.Row row = rows.get(i);
      int reg = -1;
      int yr = -1;
      List<Integer> antal = new ArrayList<>();
      for (int c = 0; c < row.cells().size(); c++) {
        String n = Cells.normal(row.cell(c));
        if (REGION_HEADERS.contains(n) && reg < 0) {
          reg = c;
        } else if (n.equals("år") || n.equals("ar") || n.equals("period")) {
          yr = c;
        } else if (n.startsWith("antal")) {
          antal.add(c);
        }
      }
      if (reg >= 0 && !antal.isEmpty()) {
        h = i;
        region = reg;
        yearColumn = yr;
        counts = antal;
      }
    }
    if (h < 0) {
      List<String> seen = rows.stream().limit(8).map(r -> r.where() + ": " + String.join(" | ", r.cells())).toList();
      throw new ImportException(file, "no header row (within the first 30 rows) with a region column (Region, Kommun or"
          + " Kommunkod) and a count column whose heading starts with 'Antal'; found: " + String.join(" / ", seen));
    }
    Table.Row header = rows.get(h);
    if (counts.size() != 1) {
      throw new ImportException(file, header.where() + ": " + counts.size() + " count columns ("
          + String.join(" | ", counts.stream().map(header::cell).toList()) + "); export one measure only");
    }
    int count = counts.get(0);
    if (yearColumn < 0 && year == null) {
      throw new ImportException(file, "the export has no År column; say which year the counts are for (--period YYYY)");
    }
    Set<String> years = new LinkedHashSet<>();
    for (int i = h + 1; i < rows.size(); i++) {
      if (yearColumn >= 0 && !rows.get(i).isEmpty()) {
        years.add(rows.get(i).cell(yearColumn));
      }
    }
    String period = year;
    if (yearColumn >= 0 && year == null) {
      if (years.size() != 1) {
        throw new ImportException(file, "the export has the years " + years + "; say which one (--period YYYY)");
      }
      period = years.iterator().next();
    }
    Reading r = new Reading(READER, t.name() + ", header " + header.where() + ": region '" + header.cell(region)
        + "', count '" + header.cell(count) + "'" + (yearColumn >= 0 ? ", year '" + header.cell(yearColumn) + "'" : ""),
        period);
    List<String> others = new ArrayList<>();
    for (int c = 0; c < header.cells().size(); c++) {
      if (c != region && c != count && c != yearColumn && !header.cell(c).isEmpty()) {
        others.add(header.cell(c));
      }
    }
    if (!others.isEmpty()) {
      r.warnings.add("other columns, not read: " + String.join(", ", others) + " (an export of totals is expected)");
    }
    for (int i = h + 1; i < rows.size(); i++) {
      Table.Row row = rows.get(i);
      if (row.isEmpty() || (yearColumn >= 0 && !row.cell(yearColumn).equals(period))) {
        continue;
      }
      String cell = row.cell(region);
      String n = Cells.normal(cell);
      Optional<Long> value = Cells.count(row.cell(count));
      if (COUNTRY.contains(n) || n.equals("00")) {
        value.ifPresent(v -> {
          r.fileTotal = v;
          r.fileTotalWhere = row.where();
        });
        continue;
      }
      Optional<String[]> coded = Cells.codeAndName(cell);
      String code = coded.map(x -> x[0]).orElse(names.get(n.replaceFirst(" kommun$", "")));
      if (code != null && code.length() == 2 || n.endsWith(" län") || n.startsWith("region ")) {
        continue;
      }
      if (code == null) {
        r.errors.add(row.where() + ": '" + cell + "' is neither a kommunkod nor a kommun's name");
        continue;
      }
      if (value.isEmpty()) {
        r.errors.add(row.where() + ": no whole count for " + code + " (" + cell + "): '" + row.cell(count)
            + "' (a masked or missing figure cannot be used)");
        continue;
      }
      r.entries.add(new Reading.Entry(code, coded.map(x -> x[1]).orElse(cell), Long.toString(value.get()), row.where()));
    }
    return r;
  }

  private static boolean isZip(byte[] b) {
    return b.length > 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
  }

  private static Table firstSheet(String file, byte[] bytes) {
    Xlsx x = Xlsx.read(file, bytes);
    if (x.sheetNames().isEmpty()) {
      throw new ImportException(file, "the workbook has no sheets");
    }
    return x.sheet(x.sheetNames().get(0));
  }
}
