package se.bidrag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseData;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;

/** The synthetic grant: labelled as such, not scheduled, its own invoice series; its units seeded, loadable, allocated exactly. */
class SyntheticGrantTest {
  @TempDir
  Path dir;

  @Test
  void theDefinitionSaysItIsSyntheticAndIsNotRunByTheSchedules() {
    GrantDefinition g = SyntheticGrant.definition();
    assertEquals(SyntheticGrant.GRANT_ID, g.id());
    assertTrue(g.title().startsWith("SYNTETISKT:"), g.title());
    assertFalse(g.scheduledJobs());
    assertEquals(2, g.invoicing().series());
    assertTrue(g.pots().stream().allMatch(p -> p.recipientKind() == RecipientKind.ENHET));
    // the local stack finds it on this classpath; the deployed catalog does not list it
    assertEquals(g, GrantCatalog.bundled().require(SyntheticGrant.GRANT_ID));
    assertFalse(GrantCatalog.bundled().ids().contains(SyntheticGrant.GRANT_ID));
  }

  @Test
  void theSameSeedGivesTheSameUnitsAndAnotherSeedOthers() {
    assertEquals(SyntheticGrant.unitsCsv(300, 17), SyntheticGrant.unitsCsv(300, 17));
    assertNotEquals(SyntheticGrant.unitsCsv(300, 17), SyntheticGrant.unitsCsv(300, 18));
    assertEquals(301, SyntheticGrant.unitsCsv(300, 17).lines().count());
  }

  @Test
  void theWrittenUnitsLoadAndTheGrantIsAllocatedToTheKrona() {
    SyntheticGrant.write(dir, 1500, 17);
    BaseData data = new BaseDataLoader(DataFiles.withOverride(dir)).load(SyntheticGrant.definition());
    assertEquals(1500, data.recipients().size());
    Set<String> owners = data.recipients().stream().map(r -> r.orgnr()).collect(Collectors.toSet());
    assertTrue(owners.size() > 100, "units owned by many regions and municipalities: " + owners.size());
    Allocation a = new AllocationEngine().allocate(SyntheticGrant.definition(), data);
    assertEquals(1_000_000_000L, a.total());
    assertEquals(List.of(900_000_000L, 100_000_000L), a.pots().stream().map(Allocation.PotTotal::allocated).toList());
    assertTrue(a.allocations().stream().anyMatch(r -> r.pot("enhet-landsbygd") > 0)
        && a.allocations().stream().anyMatch(r -> r.pot("enhet-landsbygd") == 0), "rural and urban units");
  }
}
