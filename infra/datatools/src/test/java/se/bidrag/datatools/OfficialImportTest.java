package se.bidrag.datatools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.AllocationJson;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataException;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.Provenance;
import se.bidrag.allocation.Stage;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.json.Json;

/** Taking in the three files end to end: canonical CSVs and import records written, read by the allocation as official. */
class OfficialImportTest {
  static final GrantDefinition GRANT = GrantCatalog.bundled().require("god-och-nara-vard-2025");

  @TempDir
  Path in;

  @TempDir
  Path data;

  Path file(String name, byte[] bytes) throws IOException {
    return Files.write(in.resolve(name), bytes);
  }

  @Test
  void allThreeImportedMakeAnAllocationWithNoIllustrativeInputNamingItsOriginalFiles() throws IOException {
    Path xlsx = file("kommuntyper-2026.xlsx", TestFiles.kommuntyper2026(rows -> rows));
    var rural = OfficialImport.run("rural-class", xlsx, null, data, GRANT);
    assertTrue(rural.ok(), String.join("\n", rural.lines()));
    assertTrue(rural.lines().contains("warning  the workbook is the 2026 edition; the dataset names 2021 (the grant's"
        + " definition says which edition it uses)"), String.join("\n", rural.lines()));
    assertTrue(OfficialImport.run("population", file("folkmangd.csv", TestFiles.scbCsv(k -> k,
        StandardCharsets.UTF_8, ",")), null, data, GRANT).ok());
    var care = OfficialImport.run("care-recipients", file("khs.csv", TestFiles.careCsv(r -> r)), null, data, GRANT);
    assertTrue(care.ok(), String.join("\n", care.lines()));
    assertEquals(List.of(data.resolve("kommunal_hsv_individer_official.csv"),
        data.resolve("kommunal_hsv_individer_official.csv.import.json")), care.written());

    assertEquals("kommunkod,kommun,lan_kod,folkmangd_2024_11_01\n0114,Upplands Väsby,01,50323",
        Files.readString(data.resolve("befolkning_kommun_2024-11-01.csv")).lines().limit(2)
            .collect(Collectors.joining("\n")));
    assertEquals("kommunkod,kommun,klass\n0114,Upplands Väsby,storstadskommun",
        Files.readString(data.resolve("landsbygdstyper_official.csv")).lines().limit(2).collect(Collectors.joining("\n")));

    Allocation a = new AllocationEngine().allocate(GRANT, new BaseDataLoader(DataFiles.withOverride(data)).load(GRANT));
    assertEquals(List.of(), a.illustrativeInputs());
    assertTrue(Stage.PRODUCTION.mayPublish(a));
    Map<String, Provenance> inputs = a.inputs().stream().collect(Collectors.toMap(Provenance::dataset, p -> p));
    Provenance r = inputs.get("rural-class");
    assertEquals("official", r.status());
    assertEquals("2026", r.vintage());
    assertEquals("kommuntyper-2026.xlsx", r.imported().originalFile());
    assertEquals(OfficialImport.sha256(Files.readAllBytes(xlsx)), r.imported().originalSha256());
    assertEquals(KommuntyperReader.READER, r.imported().reader());
    assertTrue(r.imported().checks().contains("290 municipalities, every code known, none twice, none missing"));
    assertEquals("2024-11-01", inputs.get("population").vintage());
    assertEquals("2023", inputs.get("care-recipients").vintage());
    JsonNode json = AllocationJson.allocation(a, null);
    assertFalse(json.path("illustrative").asBoolean());
    JsonNode ruralJson = null;
    for (JsonNode i : json.path("inputs")) {
      ruralJson = i.path("dataset").asText().equals("rural-class") ? i : ruralJson;
    }
    assertEquals("kommuntyper-2026.xlsx", ruralJson.path("imported").path("originalFile").asText());
    assertEquals(r.imported().warnings().size(), ruralJson.path("imported").path("warnings").size());
  }

  @Test
  void aRefusedFileWritesNothingAndTheReportNamesTheRows() throws IOException {
    Path bad = file("kommuntyper.xlsx", TestFiles.kommuntyper2026(rows -> rows.subList(0, 289)));
    var result = OfficialImport.run("rural-class", bad, null, data, GRANT);
    assertFalse(result.ok());
    assertTrue(result.lines().contains("error    municipality 2584 (Kiruna) is missing"), String.join("\n", result.lines()));
    assertEquals("refused: 1 error(s); nothing written", result.lines().get(result.lines().size() - 1));
    try (var files = Files.list(data)) {
      assertEquals(0, files.count());
    }
  }

  @Test
  void aFileEditedAfterItsImportIsRefusedByTheAllocation() throws IOException {
    assertTrue(OfficialImport.run("care-recipients", file("khs.csv", TestFiles.careCsv(r -> r)), null, data, GRANT).ok());
    Path csv = data.resolve("kommunal_hsv_individer_official.csv");
    Files.writeString(csv, Files.readString(csv).replace("0114,Upplands Väsby,", "0114,Upplands Väsby,1"));
    DataException e = assertThrows(DataException.class,
        () -> new BaseDataLoader(DataFiles.withOverride(data)).load(GRANT));
    assertTrue(e.getMessage().contains("changed after it was imported"), e.getMessage());
    JsonNode record = Json.parse(Files.readString(data.resolve("kommunal_hsv_individer_official.csv.import.json")));
    assertEquals("khs.csv", record.path("original").path("file").asText());
    assertEquals(CareCountReader.READER, record.path("reader").asText());
  }

  @Test
  void checkingWritesNothing() throws IOException {
    var result = OfficialImport.run("population", file("f.json", TestFiles.scbJsonStat(v -> v)), null, null, GRANT);
    assertTrue(result.ok(), String.join("\n", result.lines()));
    assertEquals("valid; nothing written (check only)", result.lines().get(result.lines().size() - 1));
    assertEquals(List.of(), result.written());
  }
}
