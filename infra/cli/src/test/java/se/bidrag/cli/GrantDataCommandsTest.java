package se.bidrag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ./bidrag grant validate: exit 0 for a sound bundle, 1 with every problem on its own line. */
class GrantDataCommandsTest {
  static final Path EXAMPLE = Path.of("../demo/grants/god-och-nara-vard-2026-exempel");

  @TempDir
  Path dir;

  @Test
  void aSoundBundleValidatesAndAFaultyOneListsEveryProblem() throws IOException {
    var ok = AllocateCommandTest.run("grant", "validate", EXAMPLE.toString(), "--at", "2025-06-01");
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().startsWith("ok: "), ok.out());

    String json = Files.readString(EXAMPLE.resolve("grant.json")).replace("\"total\": 3674000000", "\"total\": 3674000001")
        .replace("\"series\": 1", "\"series\": 0");
    Files.writeString(dir.resolve("grant.json"), json);
    Files.writeString(dir.resolve("stray.csv"), "a\n");
    var bad = AllocateCommandTest.run("grant", "validate", dir.toString(), "--at", "2026-05-01");
    assertEquals(1, bad.exit(), bad.out() + bad.err());
    assertEquals(java.util.List.of(
        "grant.json: pots: amounts add up to 3674000000, but total is 3674000001",
        "grant.json: requisitionDeadline: 2026-04-16 has passed (it is 2026-05-01 in Europe/Stockholm)",
        "grant.json: invoicing.series: 0 is the invoice series of god-och-nara-vard-2025 (grant year 2025), which "
            + "invoices in the same years; choose another digit",
        "stray.csv: no dataset of datasets.json names this file",
        "4 problem(s)"), bad.out().lines().toList());

    var missing = AllocateCommandTest.run("grant", "validate", dir.resolve("nothing").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.out().contains("is not a directory"), missing.out());
  }
}
