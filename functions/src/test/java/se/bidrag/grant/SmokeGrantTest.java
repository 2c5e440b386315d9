package se.bidrag.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;

/**
 * The smoke-test grant that every deployment carries for ./bidrag smoke: open for requisitions for
 * decades, a few thousand kronor, and at least one krona for every recipient, so that the ombud of any
 * organisation can file (and withdraw) a requisition in it.
 */
class SmokeGrantTest {

  @Test
  void everyRecipientHasAKronaToRequisitionAndTheGrantStaysOpen() {
    GrantDefinition g = GrantCatalog.bundled().require("smoke-test");
    assertTrue(g.title().startsWith("Röktest (smoke test)"), g.title());
    assertTrue(g.requisitionOpenAt(Instant.parse("2099-12-31T12:00:00Z")));
    Allocation a = new AllocationEngine().allocate(g, new BaseDataLoader(DataFiles.bundled()).load(g));
    assertEquals(11_000L, a.total());
    assertEquals(311, a.allocations().size(), "21 regions and 290 municipalities (Gotland twice)");
    assertTrue(a.allocations().stream().allMatch(r -> r.total() >= 1), "every recipient can requisition 1 kr");
  }
}
