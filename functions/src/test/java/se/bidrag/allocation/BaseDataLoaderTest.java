package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;

/** Bad base data is refused, naming file, line and field; nothing is computed from partial data. */
class BaseDataLoaderTest {
  static final String POPULATION = "befolkning_kommun_2024-12-31.csv";
  static final String RURAL = "landsbygdstyper_illustrative.csv";
  static final String ORGNR = "organisationsnummer.csv";
  static final GrantDefinition GRANT = GrantCatalog.bundled().require("god-och-nara-vard-2025");

  @TempDir
  Path dir;

  static String bundled(String file) throws IOException {
    try (InputStream in = BaseDataLoaderTest.class.getClassLoader().getResourceAsStream("data/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private String refusal(String file, UnaryOperator<String> change) throws IOException {
    Files.writeString(dir.resolve(file), change.apply(bundled(file)), StandardCharsets.UTF_8);
    DataException e = assertThrows(DataException.class,
        () -> new BaseDataLoader(DataFiles.withOverride(dir)).load(GRANT));
    return e.getMessage();
  }

  @Test
  void aMissingMunicipalityIsRefused() throws IOException {
    String m = refusal(POPULATION, s -> s.replace("0114,Upplands Väsby,01,50323\n", ""));
    assertTrue(m.contains(POPULATION) && m.contains("kommunkod") && m.contains("0114 (Upplands Väsby) is missing"), m);
  }

  @Test
  void aDuplicateCodeIsRefusedWithItsLine() throws IOException {
    String m = refusal(POPULATION, s -> s + "0114,Upplands Väsby,01,50323\n");
    assertTrue(m.contains(POPULATION + ":292: kommunkod: duplicate code 0114"), m);
  }

  @Test
  void aNegativeCountIsRefusedWithItsLineAndField() throws IOException {
    String m = refusal(POPULATION, s -> s.replace("0115,Vallentuna,01,35119", "0115,Vallentuna,01,-35119"));
    assertTrue(m.contains(POPULATION + ":3: folkmangd_2024_12_31: negative count -35119"), m);
  }

  @Test
  void aCountThatIsNotANumberIsRefused() throws IOException {
    String m = refusal(POPULATION, s -> s.replace("0115,Vallentuna,01,35119", "0115,Vallentuna,01,35 119"));
    assertTrue(m.contains(":3: folkmangd_2024_12_31: '35 119' is not a whole number"), m);
  }

  @Test
  void anUnknownClassIsRefused() throws IOException {
    String m = refusal(RURAL, s -> s.replace("0114,Upplands Väsby,ej-landsbygdskommun", "0114,Upplands Väsby,storstad"));
    assertTrue(m.contains(RURAL + ":2: klass: unknown class 'storstad'"), m);
  }

  @Test
  void anUnknownMunicipalityIsRefused() throws IOException {
    String m = refusal(RURAL, s -> s + "9999,Atlantis,ej-landsbygdskommun\n");
    assertTrue(m.contains(RURAL + ":292: kommunkod: unknown municipality 9999"), m);
  }

  @Test
  void aRegionWithNoMunicipalitiesIsRefused() throws IOException {
    String m = refusal(ORGNR, s -> s + "region,26,Region Atlantis,2321000248,test\n");
    assertTrue(m.contains(ORGNR + ":313: code: region 26 has no municipalities"), m);
  }

  @Test
  void anInvalidOrganisationNumberIsRefused() throws IOException {
    String m = refusal(ORGNR, s -> s.replace("kommun,0114,Upplands Väsby,2120000019", "kommun,0114,Upplands Väsby,2120000018"));
    assertTrue(m.contains(ORGNR + ":2: orgnr: '2120000018' is not a valid organisationsnummer"), m);
  }

  @Test
  void aMissingColumnIsRefused() throws IOException {
    String m = refusal(POPULATION, s -> s.replaceFirst("folkmangd_2024_12_31", "folkmangd"));
    assertTrue(m.contains(POPULATION + ":1: folkmangd_2024_12_31: required column missing"), m);
  }

  @Test
  void anOfficialFileDroppedInIsUsedAndSaysOfficial() throws IOException {
    Files.writeString(dir.resolve("landsbygdstyper_official.csv"), bundled(RURAL), StandardCharsets.UTF_8);
    BaseData data = new BaseDataLoader(DataFiles.withOverride(dir)).load(GRANT);
    Provenance rural = data.provenance().stream().filter(p -> p.dataset().equals("rural-class")).findFirst().orElseThrow();
    assertEquals("official", rural.status());
    assertEquals("landsbygdstyper_official.csv", rural.file());
  }
}
