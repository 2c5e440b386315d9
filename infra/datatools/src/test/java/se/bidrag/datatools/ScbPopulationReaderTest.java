package se.bidrag.datatools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.BaseDataLoader;

/** SCB's 1 November population as PX-Web exports it, CSV and JSON-stat 2.0; what it refuses, naming the row. */
class ScbPopulationReaderTest {
  static final BaseDataLoader.OfficialTarget TARGET = TestFiles.LOADER.officialTarget("population");

  static Validation.Report validate(byte[] file) {
    return Validation.validate(TARGET, ScbPopulationReader.read("folkmangd.csv", file, "2024"), TestFiles.KOMMUNER);
  }

  @Test
  void theCsvLayoutIsReadInUtf8AndWindows1252WithCommaOrSemicolon() {
    for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("windows-1252"))) {
      for (String delimiter : List.of(",", ";")) {
        Reading reading = ScbPopulationReader.read("f.csv", TestFiles.scbCsv(k -> k, cs, delimiter), "2024");
        Validation.Report r = Validation.validate(TARGET, reading, TestFiles.KOMMUNER);
        assertEquals(List.of(), r.errors(), cs + delimiter);
        assertEquals("50323", r.values().get("0114"));
        assertEquals("2024-11-01", reading.vintage);
        assertTrue(r.checks().contains("21 län rows equal the sums of their kommuner"), r.checks().toString());
        assertTrue(r.checks().contains("the country row (line 4) equals the sum of the kommuner"), r.checks().toString());
        assertTrue(r.checks().contains("population total 10587710"), r.checks().toString());
        assertEquals(List.of(), r.warnings(), "31 December figures equal the national total");
        assertTrue(reading.entries.stream().anyMatch(e -> e.name().equals("Håbo")), "decoded: " + cs);
      }
    }
  }

  @Test
  void theJsonStat2LayoutIsRead() {
    Reading reading = ScbPopulationReader.read("f.json", TestFiles.scbJsonStat(v -> v), "2024");
    Validation.Report r = Validation.validate(TARGET, reading, TestFiles.KOMMUNER);
    assertEquals(List.of(), r.errors());
    assertEquals("160140", r.values().get("1880"), "Örebro");
    assertTrue(reading.layout.startsWith("JSON-stat 2.0, dimensions Region×ContentsCode×Tid, region Region, "
        + "ContentsCode BE0101A9 'Folkmängd 1 november', Tid 2024 '2024'"), reading.layout);
  }

  @Test
  void aMissingMunicipalityIsRefusedAndTheCountryRowNoLongerAddsUp() {
    Validation.Report r = validate(TestFiles.scbCsv(k -> k.subList(1, k.size()), StandardCharsets.UTF_8, ","));
    assertTrue(r.errors().contains("municipality 0114 (Upplands Väsby) is missing"), r.errors().toString());
    assertTrue(r.errors().contains("län 01: the file says 2473307 but its kommuner add up to 2422984"), r.errors().toString());
  }

  @Test
  void aDuplicateCodeIsRefusedNamingBothLines() {
    Validation.Report r = validate(TestFiles.scbCsv(k -> {
      List<String> out = new ArrayList<>(k);
      out.set(1, out.get(0));
      return out;
    }, StandardCharsets.UTF_8, ","));
    assertTrue(r.errors().contains("line 27: duplicate code 0114 (Upplands Väsby), already at line 26"), r.errors().toString());
    assertTrue(r.errors().contains("municipality 0115 (Vallentuna) is missing"), r.errors().toString());
  }

  @Test
  void anUnknownCodeAndAMissingFigureAreRefusedNamingTheirRows() {
    Validation.Report r = validate(TestFiles.scbJsonStat(v -> {
      v.put("0199", 5L);
      v.put("0115", null);
      return v;
    }));
    assertTrue(r.errors().contains("region 0115 (value 2): no whole figure for 0115 Vallentuna: ''"), r.errors().toString());
    assertTrue(r.errors().contains("region 0199 (value 291): unknown municipality code 0199 (Okänd)"), r.errors().toString());
  }

  @Test
  void anotherYearOrExtraVariablesAreRefusedSayingWhatWasFound() {
    ImportException year = assertThrows(ImportException.class,
        () -> ScbPopulationReader.read("f.csv", TestFiles.scbCsv(k -> k, StandardCharsets.UTF_8, ","), "2025"));
    assertTrue(year.getMessage().contains("the only figure column is '2024', not the year 2025"), year.getMessage());
    byte[] ages = "\"region\",\"ålder\",\"2024\"\n\"0114 Upplands Väsby\",\"0 år\",500\n".getBytes(StandardCharsets.UTF_8);
    ImportException extra = assertThrows(ImportException.class, () -> ScbPopulationReader.read("f.csv", ages, "2024"));
    assertTrue(extra.getMessage().contains("'ålder' is a variable in the rows beside region"), extra.getMessage());
    byte[] none = "kommun;folkmängd\n0114;5\n".getBytes(StandardCharsets.UTF_8);
    ImportException header = assertThrows(ImportException.class, () -> ScbPopulationReader.read("f.csv", none, "2024"));
    assertTrue(header.getMessage().contains("no header row whose first cell is 'region'"), header.getMessage());
    assertTrue(header.getMessage().contains("found: kommun | folkmängd"), header.getMessage());
  }

  @Test
  void aDifferentNationalTotalIsAWarningWithTheDifference() {
    Validation.Report r = validate(TestFiles.scbCsv(k -> {
      List<String> out = new ArrayList<>(k);
      out.set(0, "\"0114 Upplands Väsby\",50423");
      return out;
    }, StandardCharsets.UTF_8, ","));
    assertTrue(r.errors().contains("line 4: the country's figure 10587710 is not the sum of the kommuner, 10587810"),
        r.errors().toString());
    assertTrue(r.warnings().contains("population total 10587810 differs from SCB's national total on 31 December 2024, "
        + "10587710, by +100 (a 1 November figure differs by the months between)"), r.warnings().toString());
  }
}
