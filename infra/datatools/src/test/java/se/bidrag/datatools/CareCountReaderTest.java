package se.bidrag.datatools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.BaseDataLoader;

/** Socialstyrelsen's statistics-database export of individuals with municipal health care; what it refuses. */
class CareCountReaderTest {
  static final BaseDataLoader.OfficialTarget TARGET = TestFiles.LOADER.officialTarget("care-recipients");
  static final Map<String, String> NAMES = names();

  private static Map<String, String> names() {
    Map<String, String> m = new LinkedHashMap<>();
    TestFiles.KOMMUNER.forEach(k -> m.put(Cells.normal(k.name()), k.code()));
    return m;
  }

  static Validation.Report validate(byte[] file, String year) {
    return Validation.validate(TARGET, CareCountReader.read("khs.csv", file, year, NAMES), TestFiles.KOMMUNER);
  }

  @Test
  void theTextExportIsReadWithItsYearAndCountryRow() {
    Reading reading = CareCountReader.read("khs.csv", TestFiles.careCsv(rows -> rows), null, NAMES);
    assertEquals("2023", reading.vintage);
    assertEquals(414_000L, reading.fileTotal);
    Validation.Report r = Validation.validate(TARGET, reading, TestFiles.KOMMUNER);
    assertEquals(List.of(), r.errors());
    assertEquals(List.of(), r.warnings());
    assertTrue(r.checks().contains("care total 414000 (Socialstyrelsen, 2023: almost 414000; difference 0)"), r.checks().toString());
  }

  @Test
  void aWorkbookThatNamesKommunerWithoutCodesIsRead() {
    Reading reading = CareCountReader.read("khs.xlsx", TestFiles.careXlsx(), null, NAMES);
    Validation.Report r = Validation.validate(TARGET, reading, TestFiles.KOMMUNER);
    assertEquals(List.of(), r.errors());
    assertEquals(TestFiles.CARE.get("1880").toString(), r.values().get("1880"));
  }

  @Test
  void aMissingMunicipalityIsRefused() {
    Validation.Report r = validate(TestFiles.careCsv(rows -> rows.subList(0, rows.size() - 1)), null);
    assertEquals(List.of("municipality 2584 (Kiruna) is missing"), r.errors());
    assertTrue(r.warnings().get(0).startsWith("the file's own national figure (line 5) is 414000, the kommuner add up to"),
        r.warnings().toString());
  }

  @Test
  void aDuplicateCodeIsRefusedNamingBothLines() {
    Validation.Report r = validate(TestFiles.careCsv(rows -> {
      List<String> out = new ArrayList<>(rows);
      out.add(rows.get(3));
      return out;
    }), null);
    assertEquals(List.of("line 296: duplicate code 0120 (Värmdö), already at line 9"), r.errors());
  }

  @Test
  void aMaskedFigureAndAnUnknownKommunAreRefusedNamingTheirLines() {
    Validation.Report r = validate(TestFiles.careCsv(rows -> {
      List<String> out = new ArrayList<>(rows);
      out.set(0, "2023;0114 Upplands Väsby;X");
      out.set(1, "2023;Atlantis;12");
      return out;
    }), null);
    assertTrue(r.errors().contains("line 6: no whole count for 0114 (0114 Upplands Väsby): 'X' (a masked or missing"
        + " figure cannot be used)"), r.errors().toString());
    assertTrue(r.errors().contains("line 7: 'Atlantis' is neither a kommunkod nor a kommun's name"), r.errors().toString());
  }

  @Test
  void severalYearsNeedAPeriodAndNoHeaderSaysWhatWasFound() {
    byte[] twoYears = TestFiles.careCsv(rows -> {
      List<String> out = new ArrayList<>(rows);
      out.add("2022;0114 Upplands Väsby;1");
      return out;
    });
    ImportException e = assertThrows(ImportException.class, () -> CareCountReader.read("khs.csv", twoYears, null, NAMES));
    assertTrue(e.getMessage().contains("the export has the years [2023, 2022]; say which one (--period YYYY)"), e.getMessage());
    assertEquals(List.of(), validate(twoYears, "2023").errors());
    byte[] wrong = "Kommun;Patienter\n0114;5\n".getBytes(StandardCharsets.UTF_8);
    ImportException h = assertThrows(ImportException.class, () -> CareCountReader.read("khs.csv", wrong, "2023", NAMES));
    assertTrue(h.getMessage().contains("a count column whose heading starts with 'Antal'; found: line 1: Kommun | Patienter"),
        h.getMessage());
  }
}
