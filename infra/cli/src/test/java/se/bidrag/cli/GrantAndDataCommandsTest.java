package se.bidrag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.json.Json;

/** ./bidrag data import and ./bidrag grant diff, as the agency runs them before it publishes. */
class GrantAndDataCommandsTest {
  @TempDir
  Path dir;

  static String bundled(String file) throws IOException {
    try (InputStream in = GrantAndDataCommandsTest.class.getClassLoader().getResourceAsStream("data/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** TESTDATA: SCB's 31 December 2024 figures in the PX-Web CSV layout, a title and no country row. */
  Path scbCsv(int dropLines) throws IOException {
    List<String> lines = new ArrayList<>(List.of("\"TESTDATA: Folkmängden den 1 november efter region och år\"", "",
        "\"region\",\"2024\""));
    bundled("befolkning_kommun_2024-12-31.csv").lines().skip(1 + dropLines)
        .forEach(l -> lines.add("\"" + l.split(",")[0] + " " + l.split(",")[1] + "\"," + l.split(",")[3]));
    return Files.write(dir.resolve("BE0101A-FolkmangdNov.csv"), lines);
  }

  @Test
  void importWritesTheCanonicalFileAndTheDiffNamesTheChangedInput() throws IOException {
    Path data = dir.resolve("data");
    var imported = AllocateCommandTest.run("data", "import", "population", scbCsv(0).toString(), "--data-dir", data.toString());
    assertEquals(0, imported.exit(), imported.out() + imported.err());
    assertTrue(imported.out().contains("ok       290 municipalities, every code known, none twice, none missing"),
        imported.out());
    assertTrue(Files.isRegularFile(data.resolve("befolkning_kommun_2024-11-01.csv.import.json")));

    var table = AllocateCommandTest.run("grant", "diff", "--data-dir", data.toString());
    assertEquals(0, table.exit(), table.err());
    assertTrue(table.out().contains("population             CHANGED   befolkning_kommun_2024-12-31.csv [OFFICIAL, 2024-12-31"),
        table.out());
    assertTrue(table.out().contains("->  befolkning_kommun_2024-11-01.csv [OFFICIAL, 2024-11-01"), table.out());
    assertTrue(table.out().contains("rural-class            same      landsbygdstyper_illustrative.csv [ILLUSTRATIVE"),
        table.out());
    assertTrue(table.out().startsWith("previous: ILLUSTRATIVE FIGURES (illustrativa uppgifter)"), table.out());
    assertTrue(table.out().contains("0 of 311 recipient roles change"), "same figures, another file: " + table.out());

    JsonNode json = Json.parse(AllocateCommandTest.run("grant", "diff", "--data-dir", data.toString(), "--format", "json").out());
    assertEquals(311, json.path("recipients").size());
    assertTrue(json.path("current").path("illustrative").asBoolean());
  }

  @Test
  void aFileWithAMissingMunicipalityIsRefusedWithExit1AndNothingWritten() throws IOException {
    Path data = dir.resolve("data");
    var refused = AllocateCommandTest.run("data", "import", "population", scbCsv(1).toString(), "--data-dir", data.toString());
    assertEquals(1, refused.exit());
    assertTrue(refused.out().contains("error    municipality 0114 (Upplands Väsby) is missing"), refused.out());
    assertTrue(refused.out().contains("refused: 1 error(s); nothing written"), refused.out());
    assertTrue(!Files.exists(data), "nothing written");
    var noTarget = AllocateCommandTest.run("data", "import", "population", scbCsv(0).toString());
    assertEquals(1, noTarget.exit());
    assertTrue(noTarget.err().contains("say where to write"), noTarget.err());
  }

  @Test
  void aChangedClassShowsPerRecipientAndPotAndOnlyTheChangedWithChanged() throws IOException {
    Path data = Files.createDirectories(dir.resolve("official"));
    Files.writeString(data.resolve("landsbygdstyper_official.csv"), bundled("landsbygdstyper_illustrative.csv")
        .replace("1882,Askersund,tatortsnara-landsbygdskommun", "1882,Askersund,glesa-landsbygdskommun"));
    var csv = AllocateCommandTest.run("grant", "diff", "--data-dir", data.toString(), "--format", "csv", "--changed");
    assertEquals(0, csv.exit(), csv.err());
    String[] lines = csv.out().split("\n");
    assertEquals("recipientId,kind,name,pot,previous,current,difference,previousFigures,currentFigures", lines[0]);
    String askersund = List.of(lines).stream().filter(l -> l.startsWith("kommun-1882,kommun,Askersund,kommun-rural,"))
        .findFirst().orElseThrow();
    String[] f = askersund.split(",");
    assertEquals(Long.parseLong(f[5]) - Long.parseLong(f[4]), Long.parseLong(f[6]));
    assertTrue(Long.parseLong(f[6]) > 0, askersund);
    assertTrue(askersund.endsWith(",illustrative,illustrative"), "care-recipients is still illustrative: " + askersund);
    assertTrue(List.of(lines).stream().noneMatch(l -> l.startsWith("kommun-0180,")), "Stockholm does not change");
  }
}
