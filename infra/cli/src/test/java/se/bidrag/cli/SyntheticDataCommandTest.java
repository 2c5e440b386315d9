package se.bidrag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./bidrag data synthetic writes the units and the definition; the allocation reads them from --data-dir. */
class SyntheticDataCommandTest {
  @TempDir
  Path dir;

  @Test
  void theSyntheticUnitsAreWrittenAndAllocated() throws IOException {
    var written = AllocateCommandTest.run("data", "synthetic", "--units", "120", "--seed", "5", "--out", dir.toString());
    assertEquals(0, written.exit(), written.out() + written.err());
    assertEquals(121, Files.readAllLines(dir.resolve("vardenheter_syntetiska.csv")).size());
    assertTrue(Files.readString(dir.resolve("syntetiskt-vardenheter.json"), StandardCharsets.UTF_8)
        .contains("\"title\": \"SYNTETISKT:"));

    var csv = AllocateCommandTest.run("allocate", "--grant", "syntetiskt-vardenheter", "--data-dir", dir.toString(),
        "--format", "csv");
    assertEquals(0, csv.exit(), csv.err());
    assertEquals(121, csv.out().lines().count(), csv.out());
    assertTrue(csv.out().lines().skip(1).allMatch(l -> l.startsWith("enhet-")), csv.out());
    assertEquals(1_000_000_000L, csv.out().lines().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[8])).sum());
  }
}
