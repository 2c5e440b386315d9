package se.bidrag.allocation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Orgnr;
import se.bidrag.grant.RecipientKind;

/**
 * Reads a care-unit dataset ({@code kind: "units"}): one row per unit, its id, name, the municipality it is
 * located in, its owner's organisation number and one measure (e.g. listed patients). Refuses, naming the
 * row: an id that is not 1–10 digits, a unit twice, an unknown municipality, an owner that is not a
 * region's or municipality's organisation number, a missing or negative measure.
 */
final class CareUnits {
  /** The columns every unit file has besides its key and measure columns. */
  static final List<String> COLUMNS = List.of("namn", "kommunkod", "huvudman_orgnr");
  private static final Pattern ID = Pattern.compile("\\d{1,10}");

  /** The units by id, and the measure of each. */
  record Read(List<CareUnit> units, Map<String, Long> measure) {}

  private CareUnits() {}

  static Read read(Csv csv, String keyColumn, String valueColumn, Map<String, Municipality> byCode,
      Set<String> ownerOrgnrs) {
    List<CareUnit> units = new ArrayList<>();
    Map<String, Long> measure = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Csv.Row row : csv.rows) {
      String id = row.get(keyColumn);
      if (!ID.matcher(id).matches()) {
        throw new DataException(csv.file, row.line, keyColumn, "'" + id + "' is not a unit id (1 to 10 digits)");
      }
      if (!seen.add(id)) {
        throw new DataException(csv.file, row.line, keyColumn, "duplicate unit " + id);
      }
      String kommunkod = row.get("kommunkod");
      Municipality m = byCode.get(kommunkod);
      if (m == null) {
        throw new DataException(csv.file, row.line, "kommunkod", "unknown municipality " + kommunkod);
      }
      String owner = row.get("huvudman_orgnr").replace("-", "");
      if (!Orgnr.isValid(owner)) {
        throw new DataException(csv.file, row.line, "huvudman_orgnr", "'" + owner + "' is not a valid organisationsnummer");
      }
      if (!ownerOrgnrs.contains(owner)) {
        throw new DataException(csv.file, row.line, "huvudman_orgnr", "unknown owner " + owner
            + " (not the organisation number of a region or a municipality)");
      }
      measure.put(id, row.count(valueColumn));
      units.add(new CareUnit(id, row.get("namn"), kommunkod, m.lanCode(), owner));
    }
    if (units.isEmpty()) {
      throw new DataException(csv.file, 0, null, "no care units");
    }
    units.sort(Comparator.comparing(CareUnit::id));
    return new Read(units, measure);
  }

  /**
   * The care-unit dataset the grant's unit pots are keyed by (one for all of them), or null for a grant
   * without unit pots.
   */
  static String dataset(GrantDefinition grant) {
    Set<String> used = new java.util.TreeSet<>();
    for (GrantDefinition.Pot pot : grant.potsFor(RecipientKind.ENHET)) {
      for (GrantDefinition.KeyComponent c : pot.key()) {
        used.add(grant.measures().get(c.measure()).dataset());
      }
    }
    if (used.size() > 1) {
      throw new DataException("datasets.json", 0, String.join(", ", used), "the unit pots of grant " + grant.id()
          + " must all be keyed by one care-unit dataset");
    }
    return used.isEmpty() ? null : used.iterator().next();
  }
}
