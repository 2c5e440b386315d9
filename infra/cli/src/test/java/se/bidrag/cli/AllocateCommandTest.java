package se.bidrag.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.json.Json;

/** ./bidrag allocate, as a newcomer runs it. */
class AllocateCommandTest {

  record Run(int exit, String out, String err) {}

  static synchronized Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void jsonHasThePotsInputsAndEveryRecipientRole() throws Exception {
    Run r = run("allocate", "--format", "json");
    assertEquals(0, r.exit(), r.err());
    JsonNode root = Json.parse(r.out());
    assertEquals("god-och-nara-vard-2025", root.path("grant").asText());
    Map<String, Long> pots = new HashMap<>();
    root.path("pots").forEach(p -> pots.put(p.path("id").asText(), p.path("amount").asLong()));
    assertEquals(Map.of("region-population", 2_624_000_000L, "region-rural", 150_000_000L,
        "kommun-care-and-population", 750_000_000L, "kommun-rural", 150_000_000L), pots);
    Map<String, Long> sums = new HashMap<>();
    long total = 0;
    int regions = 0;
    int kommuner = 0;
    for (JsonNode a : root.path("allocations")) {
      a.path("pots").fields().forEachRemaining(e -> sums.merge(e.getKey(), e.getValue().asLong(), Long::sum));
      total += a.path("total").asLong();
      if (a.path("kind").asText().equals("region")) {
        regions++;
      } else {
        kommuner++;
      }
      assertTrue(a.path("explanation").size() >= 2, a.toString());
    }
    assertEquals(pots, sums);
    assertEquals(3_674_000_000L, total);
    assertEquals(21, regions);
    assertEquals(290, kommuner);
    JsonNode orebro = null;
    for (JsonNode a : root.path("allocations")) {
      if (a.path("recipientId").asText().equals("region-18")) {
        orebro = a;
      }
    }
    assertEquals(76_425_969L, orebro.path("pots").path("region-population").asLong());
    assertEquals("2321000164", orebro.path("orgnr").asText());
    assertEquals(5, root.path("inputs").size());
    root.path("inputs").forEach(i -> assertTrue(i.path("status").asText().matches("official|illustrative"), i.toString()));
  }

  @Test
  void csvHasOneRowPerRecipientRoleWithPotColumns() {
    Run r = run("allocate", "--format", "csv", "--kind", "kommun");
    assertEquals(0, r.exit(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("recipientId,kind,code,name,region,orgnr,region-population,region-rural,kommun-care-and-population,"
        + "kommun-rural,total,figures", lines[0]);
    assertEquals(291, lines.length);
    assertTrue(lines[1].startsWith("kommun-0114,kommun,0114,Upplands Väsby,Region Stockholm,2120000019,,,"), lines[1]);
    for (int i = 1; i < lines.length; i++) {
      assertTrue(lines[i].endsWith(",illustrative"), "every row says so: " + lines[i]);
    }
  }

  @Test
  void theTableHasSubtotalsAndTotals() {
    Run r = run("allocate");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("subtotal     21 regions"), r.out());
    assertTrue(r.out().contains("2 624 000 000"), r.out());
    assertTrue(r.out().contains("3 674 000 000 kr  allocated   3 674 000 000 kr"), r.out());
    assertTrue(r.out().contains("[ILLUSTRATIVE"), r.out());
    String banner = "ILLUSTRATIVE FIGURES (illustrativa uppgifter): computed from illustrative inputs (care-recipients, "
        + "rural-class), not official figures and not a decision";
    assertTrue(r.out().startsWith(banner + "\n"), r.out());
    assertTrue(r.out().stripTrailing().endsWith(banner), "said again under the figures");
  }

  @Test
  void badInputExitsNonZeroWithAClearMessage() {
    Run kind = run("allocate", "--kind", "county");
    assertEquals(1, kind.exit());
    assertTrue(kind.err().contains("--kind must be region or kommun"), kind.err());
    Run grant = run("allocate", "--grant", "no-such-grant");
    assertEquals(1, grant.exit());
    assertTrue(grant.err().contains("unknown grant 'no-such-grant'"), grant.err());
    Run format = run("allocate", "--format", "xml");
    assertEquals(2, format.exit());
  }
}
