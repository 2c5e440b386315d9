package se.bidrag.datatools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.Municipality;

/**
 * The checks every imported file passes, against SCB's 290 municipalities: every municipality once (unknown codes,
 * duplicates and missing ones refused, naming the rows), and the figures against what is published nationally
 * (warnings, with the difference): the six types' counts 29 / 103 / 28 / 70 / 45 / 15, the population against
 * SCB's national total, the care count against Socialstyrelsen's ≈ 414 000.
 */
final class Validation {
  /** Tillväxtverket's published counts of the six types (SL6), in the grant's class ids. */
  static final Map<String, Integer> PUBLISHED_SL6 = publishedSl6();
  /** SCB's national population on 31 December 2024 (no national 1 November figure was reachable). */
  static final long NATIONAL_POPULATION_2024_12_31 = 10_587_710L;
  /** Socialstyrelsen: "nästan 414 000 personer" had municipal health care in 2023. */
  static final long NATIONAL_CARE_2023 = 414_000L;
  /** How far the care total may be from 414 000 before it is a warning (a rounded figure; movers counted twice). */
  static final int CARE_TOLERANCE_PERCENT = 5;

  private static Map<String, Integer> publishedSl6() {
    Map<String, Integer> m = new LinkedHashMap<>();
    int[] counts = {29, 103, 28, 70, 45, 15};
    for (int i = 0; i < counts.length; i++) {
      m.put(KommuntyperReader.CLASSES.get(i), counts[i]);
    }
    return m;
  }

  private Validation() {}

  /** The report, and the values by kommunkod in SCB's order (complete only when there are no errors). */
  record Report(List<String> checks, List<String> warnings, List<String> errors, Map<String, String> values) {
    boolean ok() {
      return errors.isEmpty();
    }
  }

  static Report validate(BaseDataLoader.OfficialTarget target, Reading reading, List<Municipality> municipalities) {
    List<String> checks = new ArrayList<>(reading.checks);
    List<String> warnings = new ArrayList<>(reading.warnings);
    List<String> errors = new ArrayList<>(reading.errors);
    Map<String, Municipality> byCode = new LinkedHashMap<>();
    municipalities.forEach(m -> byCode.put(m.code(), m));
    Map<String, String> values = new TreeMap<>();
    Map<String, String> firstRow = new LinkedHashMap<>();
    List<String> otherNames = new ArrayList<>();
    int before = errors.size();
    for (Reading.Entry e : reading.entries) {
      Municipality m = byCode.get(e.code());
      if (m == null) {
        errors.add(e.where() + ": unknown municipality code " + e.code() + " (" + e.name() + ")");
      } else if (firstRow.containsKey(e.code())) {
        errors.add(e.where() + ": duplicate code " + e.code() + " (" + m.name() + "), already at " + firstRow.get(e.code()));
      } else {
        firstRow.put(e.code(), e.where());
        values.put(e.code(), e.value());
        String name = Cells.normal(e.name()).replaceFirst(" kommun$", "");
        if (!name.isEmpty() && !name.equals(Cells.normal(m.name()))) {
          otherNames.add(e.where() + ": '" + e.name() + "' for " + e.code() + " " + m.name());
        }
      }
    }
    for (Municipality m : municipalities) {
      if (!values.containsKey(m.code())) {
        errors.add("municipality " + m.code() + " (" + m.name() + ") is missing");
      }
    }
    if (errors.size() == before) {
      checks.add(municipalities.size() + " municipalities, every code known, none twice, none missing");
    }
    if (!otherNames.isEmpty()) {
      warnings.add(otherNames.size() + " names differ from SCB's (the code decides): "
          + String.join("; ", otherNames.subList(0, Math.min(5, otherNames.size()))));
    }
    switch (target.kind()) {
      case "classification" -> classes(target, values, checks, warnings, errors);
      case "count" -> totals(target, reading, values, checks, warnings);
      default -> throw new IllegalArgumentException("no import for a " + target.kind() + " dataset");
    }
    return new Report(checks, warnings, errors, values);
  }

  private static void classes(BaseDataLoader.OfficialTarget target, Map<String, String> values, List<String> checks,
      List<String> warnings, List<String> errors) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    PUBLISHED_SL6.keySet().forEach(c -> counts.put(c, 0));
    values.forEach((code, cls) -> {
      if (!target.classes().contains(cls)) {
        errors.add(code + ": class '" + cls + "' is not one the dataset knows " + target.classes());
      }
      counts.merge(cls, 1, Integer::sum);
    });
    StringBuilder line = new StringBuilder("class counts:");
    counts.forEach((c, n) -> line.append(' ').append(c).append(' ').append(n).append(','));
    checks.add(line.substring(0, line.length() - 1));
    List<String> off = new ArrayList<>();
    PUBLISHED_SL6.forEach((c, n) -> {
      if (!counts.get(c).equals(n)) {
        off.add(c + " " + counts.get(c) + " (published " + n + ")");
      }
    });
    if (!off.isEmpty()) {
      warnings.add("class counts differ from Tillväxtverket's published six-type counts 29/103/28/70/45/15: "
          + String.join(", ", off));
    }
  }

  private static void totals(BaseDataLoader.OfficialTarget target, Reading reading, Map<String, String> values,
      List<String> checks, List<String> warnings) {
    long total = values.values().stream().mapToLong(Long::parseLong).sum();
    if (reading.fileTotal != null && reading.fileTotal != total && !target.dataset().equals("population")) {
      warnings.add("the file's own national figure (" + reading.fileTotalWhere + ") is " + reading.fileTotal
          + ", the kommuner add up to " + total + " (difference " + signed(total - reading.fileTotal) + ")");
    }
    if (target.dataset().equals("population")) {
      long d = total - NATIONAL_POPULATION_2024_12_31;
      checks.add("population total " + total);
      if (d != 0) {
        warnings.add("population total " + total + " differs from SCB's national total on 31 December 2024, "
            + NATIONAL_POPULATION_2024_12_31 + ", by " + signed(d) + " (a 1 November figure differs by the months between)");
      }
    } else {
      long d = total - NATIONAL_CARE_2023;
      checks.add("care total " + total + " (Socialstyrelsen, 2023: almost " + NATIONAL_CARE_2023 + "; difference "
          + signed(d) + ")");
      if (Math.abs(d) * 100 > NATIONAL_CARE_2023 * CARE_TOLERANCE_PERCENT) {
        warnings.add("care total " + total + " is more than " + CARE_TOLERANCE_PERCENT + " % from Socialstyrelsen's "
            + "national figure for 2023, almost " + NATIONAL_CARE_2023 + " (difference " + signed(d) + ")");
      }
    }
  }

  static String signed(long d) {
    return (d > 0 ? "+" : "") + d;
  }
}
