package se.bidrag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./bidrag data synthetic writes a grant bundle (grant.json and the units) that ./bidrag grant validate accepts in
 * the grant's year and refuses after its deadline; it will not write into a directory holding other files.
 */
class SyntheticDataCommandTest {
  @TempDir
  Path dir;

  @Test
  void theSyntheticGrantIsABundleThatValidates() throws IOException {
    Path bundle = dir.resolve("bundle");
    var written = AllocateCommandTest.run("data", "synthetic", "--units", "120", "--seed", "5", "--out", bundle.toString());
    assertEquals(0, written.exit(), written.out() + written.err());
    try (Stream<Path> files = Files.list(bundle)) {
      assertEquals(List.of("grant.json", "vardenheter_syntetiska.csv"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(121, Files.readAllLines(bundle.resolve("vardenheter_syntetiska.csv")).size());
    assertTrue(Files.readString(bundle.resolve("grant.json"), StandardCharsets.UTF_8)
        .contains("\"title\": \"SYNTETISKT:"));
    assertTrue(written.out().contains("--at 2026-02-02"), written.out());

    // validation computes the allocation from the bundle's units, as the functions will
    var ok = AllocateCommandTest.run("grant", "validate", bundle.toString(), "--at", "2026-02-02");
    assertEquals(0, ok.exit(), ok.out() + ok.err());
    assertTrue(ok.out().startsWith("ok: ") && ok.out().contains("2 file(s)"), ok.out());
    var late = AllocateCommandTest.run("grant", "validate", bundle.toString(), "--at", "2026-05-01");
    assertEquals(1, late.exit(), late.out());
    assertEquals(List.of("grant.json: requisitionDeadline: 2026-04-16 has passed (it is 2026-05-01 in Europe/Stockholm)",
        "1 problem(s)"), late.out().lines().toList());

    // the same units and seed again: the same bundle; a directory with another file is refused
    var again = AllocateCommandTest.run("data", "synthetic", "--units", "120", "--seed", "5", "--out", bundle.toString());
    assertEquals(0, again.exit(), again.out() + again.err());
    Files.writeString(bundle.resolve("syntetiskt-vardenheter.json"), "{}");
    var refused = AllocateCommandTest.run("data", "synthetic", "--units", "120", "--out", bundle.toString());
    assertTrue(refused.exit() != 0 && refused.err().contains("syntetiskt-vardenheter.json"), refused.out() + refused.err());
  }
}
