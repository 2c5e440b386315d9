package se.bidrag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseData;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.BundleDataCheck;
import se.bidrag.allocation.DataFiles;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.GrantUploads;
import se.bidrag.grant.RecipientKind;

/**
 * The synthetic grant: labelled as such, not scheduled, its own invoice series, not bundled; its bundle seeded,
 * loadable as the functions load an uploaded grant, allocated exactly, and valid at 10 000 units in its year.
 */
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
    // data to upload, not a bundled grant: no catalog finds it on this classpath
    assertTrue(GrantCatalog.bundled().find(SyntheticGrant.GRANT_ID).isEmpty());
    assertFalse(GrantCatalog.bundled().isBundled(SyntheticGrant.GRANT_ID));
  }

  @Test
  void theSameSeedGivesTheSameUnitsAndAnotherSeedOthers() {
    assertEquals(SyntheticGrant.unitsCsv(300, 17), SyntheticGrant.unitsCsv(300, 17));
    assertNotEquals(SyntheticGrant.unitsCsv(300, 17), SyntheticGrant.unitsCsv(300, 18));
    assertEquals(301, SyntheticGrant.unitsCsv(300, 17).lines().count());
  }

  @Test
  void theWrittenUnitsLoadAndTheGrantIsAllocatedToTheKrona() {
    GrantBundle bundle = GrantBundle.read(SyntheticGrant.write(dir, 1500, 17));
    assertEquals(SyntheticGrant.bundle(1500, 17).sha256(), bundle.sha256());
    // as the functions read an uploaded grant: its bundle's files before the deployment's
    BaseData data = new BaseDataLoader(DataFiles.bundled().withGrantFiles(bundle.dataFiles()))
        .load(SyntheticGrant.definition());
    assertEquals(1500, data.recipients().size());
    Set<String> owners = data.recipients().stream().map(r -> r.orgnr()).collect(Collectors.toSet());
    assertTrue(owners.size() > 100, "units owned by many regions and municipalities: " + owners.size());
    Allocation a = new AllocationEngine().allocate(SyntheticGrant.definition(), data);
    assertEquals(1_000_000_000L, a.total());
    assertEquals(List.of(900_000_000L, 100_000_000L), a.pots().stream().map(Allocation.PotTotal::allocated).toList());
    assertTrue(a.allocations().stream().anyMatch(r -> r.pot("enhet-landsbygd") > 0)
        && a.allocations().stream().anyMatch(r -> r.pot("enhet-landsbygd") == 0), "rural and urban units");
  }

  @Test
  void tenThousandUnitsAreABundleThatValidatesInTheGrantsYearAndFitsOneStoredVersion() {
    GrantBundle bundle = SyntheticGrant.bundle(10_000, 17);
    GrantUploads validator = new GrantUploads(null, GrantCatalog.bundled(), new BundleDataCheck(),
        Clock.fixed(LargeGrantRun.START, ZoneOffset.UTC));
    assertEquals(List.of(), validator.problems(bundle));
    // well under the 16 MB a bundle may have; stored gzip'ed, in one item or a few 350 KB parts (GrantUploadIT)
    assertTrue(bundle.size() < 1_000_000, "bytes: " + bundle.size());
    assertEquals(List.of("grant.json: requisitionDeadline: 2026-04-16 has passed (it is 2026-04-17 in Europe/Stockholm)"),
        new GrantUploads(null, GrantCatalog.bundled(), new BundleDataCheck(),
            Clock.fixed(java.time.Instant.parse("2026-04-17T08:00:00Z"), ZoneOffset.UTC)).problems(bundle));
  }
}
