package se.bidrag.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;

class GrantCatalogTest {

  @Test
  void theDeadlineIsTheEndOfTheDayInStockholm() {
    GrantDefinition g = GrantCatalog.bundled().require("god-och-nara-vard-2025");
    assertEquals(Instant.parse("2025-04-17T22:00:00Z"), g.requisitionClosesAt()); // CEST, UTC+2
    assertTrue(g.requisitionOpenAt(Instant.parse("2025-04-17T21:59:59.999Z")));
    assertTrue(!g.requisitionOpenAt(Instant.parse("2025-04-17T22:00:00Z")));
    assertEquals(8, g.areas().size());
    assertEquals(java.util.List.of("region-rural", "kommun-rural"), g.area(8).orElseThrow().requiresAllocationFrom());
  }

  /** A second grant with other pots, keys and weights is a new file, not new code. */
  @Test
  void aSecondGrantWithOtherPotsNeedsNoJavaChange() {
    GrantDefinition g = GrantCatalog.bundled().require("exempel-aldre-2026");
    Allocation a = new AllocationEngine().allocate(g, new BaseDataLoader(DataFiles.bundled()).load(g));
    assertEquals(100_000_001L, a.total());
    assertEquals(60_000_001L, a.allocations().stream().mapToLong(r -> r.pot("kommun-aged")).sum());
    assertEquals(40_000_000L, a.allocations().stream().mapToLong(r -> r.pot("region-mixed")).sum());
    // the three-quarters / one-quarter composite key over one integer denominator
    var stockholm = a.forRecipient("region-01").orElseThrow().explanation().get(0);
    var pop = stockholm.components().get(0);
    var aged = stockholm.components().get(1);
    BigInteger p = BigInteger.valueOf(pop.total());
    BigInteger s = BigInteger.valueOf(aged.total());
    assertEquals(BigInteger.valueOf(4).multiply(p).multiply(s), stockholm.denominator());
    assertEquals(BigInteger.valueOf(3 * pop.value()).multiply(s).add(BigInteger.valueOf(aged.value()).multiply(p)),
        stockholm.keyValue());
    assertEquals(0, aged.value()); // no sparse municipalities in Stockholm's county (illustrative classes)
  }

  @Test
  void anUnknownGrantIsNotFound() {
    assertTrue(GrantCatalog.bundled().find("no-such-grant").isEmpty());
    assertTrue(GrantCatalog.bundled().find("../etc/passwd").isEmpty());
  }

  private static String bundled() throws IOException {
    try (InputStream in = GrantCatalog.class.getClassLoader().getResourceAsStream("grants/god-och-nara-vard-2025.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String refusal(String text) {
    return assertThrows(GrantDefinitionException.class, () -> GrantCatalog.parse("x.json", text)).getMessage();
  }

  @Test
  void potsThatDoNotAddUpToTheTotalAreRefused() throws IOException {
    String m = refusal(bundled().replace("\"amount\": 150000000,\n      \"key\": [ { \"measure\": \"population\", \"weightedBy\": \"rural-class\", \"portion\": 1 } ]\n    }\n  ],",
        "\"amount\": 150000001,\n      \"key\": [ { \"measure\": \"population\", \"weightedBy\": \"rural-class\", \"portion\": 1 } ]\n    }\n  ],"));
    assertEquals("x.json: pots: amounts add up to 3674000001, but total is 3674000000", m);
  }

  @Test
  void anUndeclaredMeasureIsRefused() throws IOException {
    String m = refusal(bundled().replace("{ \"measure\": \"care-recipients\", \"portion\": 1 }",
        "{ \"measure\": \"care\", \"portion\": 1 }"));
    assertEquals("x.json: pots[2].key[0].measure: 'care' is not declared under measures", m);
  }

  @Test
  void unknownFieldsAreRefused() throws IOException {
    String m = refusal(bundled().replace("\"grantYear\": 2025,", "\"grantYear\": 2025, \"year\": 2025,"));
    assertEquals("x.json: year: unknown field", m);
  }

  /** grants/index.txt lists exactly the bundled definitions: the agencies' orgnrs come from it. */
  @Test
  void theIndexListsEveryBundledGrantAndTheAgencyComesFromTheDefinitions() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/grants");
    java.util.List<String> files;
    try (var s = java.nio.file.Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
    }
    assertEquals(files, GrantCatalog.bundled().ids().stream().sorted().toList());
    assertEquals(java.util.Set.of("2021000555"), GrantCatalog.bundled().agencyOrgnrs());
  }
}
