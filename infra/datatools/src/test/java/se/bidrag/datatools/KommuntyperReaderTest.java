package se.bidrag.datatools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.BaseDataLoader;

/** Tillväxtverket's workbook, in the 2026 layout and an assumed 2021 layout; what it refuses, naming the row. */
class KommuntyperReaderTest {
  static final BaseDataLoader.OfficialTarget TARGET = TestFiles.LOADER.officialTarget("rural-class");

  static Validation.Report validate(byte[] workbook) {
    return Validation.validate(TARGET, KommuntyperReader.read("kommuntyper.xlsx", workbook), TestFiles.KOMMUNER);
  }

  static String errors(Validation.Report r) {
    return String.join("\n", r.errors());
  }

  @Test
  void the2026LayoutIsReadByTheCodesInBrackets() {
    Reading reading = KommuntyperReader.read("kommuntyper.xlsx", TestFiles.kommuntyper2026(rows -> rows));
    assertEquals("2026", reading.vintage);
    assertEquals("sheet KommuntyperSL2026, header row 2: Kommunkod (A), Kommunnamn (B), SL6KN_2026_kod (G), "
        + "six-type names (H)", reading.layout);
    Validation.Report r = Validation.validate(TARGET, reading, TestFiles.KOMMUNER);
    assertEquals(List.of(), r.errors());
    assertEquals(List.of(), r.warnings(), "the test data keeps the published counts");
    assertTrue(r.checks().contains("290 municipalities, every code known, none twice, none missing"), r.checks().toString());
    assertTrue(r.checks().contains("class counts: storstadskommun 29, tat-kommun 103, blandad-kommun 28, "
        + "tatortsnara-landsbygdskommun 70, glesa-landsbygdskommun 45, mycket-glesa-landsbygdskommun 15"), r.checks().toString());
    assertEquals("glesa-landsbygdskommun", r.values().get("1863"), "Hällefors, as Region Örebro län's decision has it");
    assertEquals("tatortsnara-landsbygdskommun", r.values().get("1882"), "Askersund");
    assertEquals("storstadskommun", r.values().get("0180"), "Stockholm");
  }

  @Test
  void the2021EditionsOlderNamesAndNumericCodesAreRead() {
    Reading reading = KommuntyperReader.read("kommuntyper-2021.xlsx", TestFiles.kommuntyper2021());
    assertEquals("2021", reading.vintage);
    Validation.Report r = Validation.validate(TARGET, reading, TestFiles.KOMMUNER);
    assertEquals(List.of(), r.errors());
    assertEquals("tatortsnara-landsbygdskommun", r.values().get("0331"), "Heby, its code stored as the number 331");
    assertEquals(validate(TestFiles.kommuntyper2026(rows -> rows)).values(), r.values(), "same classes either way");
    assertTrue(r.warnings().get(0).contains("passed over (no class): 'Källa: TESTDATA"), r.warnings().toString());
  }

  @Test
  void aMissingMunicipalityIsRefused() {
    Validation.Report r = validate(TestFiles.kommuntyper2026(rows -> rows.subList(1, rows.size())));
    assertEquals(List.of("municipality 0114 (Upplands Väsby) is missing"), r.errors());
  }

  @Test
  void aDuplicateCodeIsRefusedNamingBothRows() {
    Validation.Report r = validate(TestFiles.kommuntyper2026(rows -> {
      List<List<Object>> out = new ArrayList<>(rows);
      out.add(rows.get(0));
      return out;
    }));
    assertEquals(List.of("sheet KommuntyperSL2026 row 293: duplicate code 0114 (Upplands Väsby), already at sheet "
        + "KommuntyperSL2026 row 3"), r.errors());
  }

  @Test
  void anUnknownClassIsRefusedNamingTheRow() {
    Validation.Report r = validate(TestFiles.kommuntyper2026(rows -> {
      rows.get(1).set(6, 7);
      rows.get(1).set(7, "Förortskommuner");
      return rows;
    }));
    assertEquals(2, r.errors().size(), errors(r));
    assertTrue(errors(r).startsWith("sheet KommuntyperSL2026 row 4: unknown class 'Förortskommuner' (code '7')"), errors(r));
    assertEquals("municipality 0115 (Vallentuna) is missing", r.errors().get(1));
  }

  @Test
  void aCodeThatContradictsItsNameIsRefused() {
    Validation.Report r = validate(TestFiles.kommuntyper2026(rows -> {
      rows.get(2).set(6, 6);
      return rows;
    }));
    assertTrue(errors(r).startsWith("sheet KommuntyperSL2026 row 5: class '"), errors(r));
    assertTrue(errors(r).contains("but its code is 6"), errors(r));
  }

  @Test
  void anUnknownMunicipalityCodeIsRefused() {
    Validation.Report r = validate(TestFiles.kommuntyper2026(rows -> {
      rows.get(0).set(0, "0199");
      return rows;
    }));
    assertEquals(List.of("sheet KommuntyperSL2026 row 3: unknown municipality code 0199 (Upplands Väsby)",
        "municipality 0114 (Upplands Väsby) is missing"), r.errors());
  }

  @Test
  void countsOffThePublishedOnesAreAWarningNotAnError() {
    Validation.Report r = validate(TestFiles.kommuntyper2026(rows -> {
      rows.get(0).set(6, 6);
      rows.get(0).set(7, "Landsbygdskommuner mycket avlägset belägna");
      return rows;
    }));
    assertEquals(List.of(), r.errors());
    assertTrue(r.warnings().get(0).contains("mycket-glesa-landsbygdskommun 16 (published 15)"), r.warnings().toString());
  }

  @Test
  void aWorkbookWithoutTheCodeColumnSaysWhatWasLookedForAndFound() {
    byte[] wrong = TestFiles.xlsx(Map.of("Blad1", List.of(TestFiles.row("Kommunkod", "Kommunnamn", "Typ"),
        TestFiles.row("0114", "Upplands Väsby", "2"))));
    ImportException e = assertThrows(ImportException.class, () -> KommuntyperReader.read("x.xlsx", wrong));
    assertTrue(e.getMessage().contains("six-type code column named by its code in brackets (SL6…_kod"), e.getMessage());
    assertTrue(e.getMessage().contains("found: sheet Blad1 row 1: Kommunkod | Kommunnamn | Typ"), e.getMessage());
  }
}
