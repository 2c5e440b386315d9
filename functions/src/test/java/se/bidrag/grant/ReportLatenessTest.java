package se.bidrag.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReportLatenessTest {
  private final GrantDefinition grant = GrantCatalog.bundled().require("god-och-nara-vard-2025");

  @Test
  void aReportIsLateFromTheDayAfterTheDeadlineAtLocalMidnight() {
    // the deadline is 2026-03-31; Stockholm is on summer time (UTC+2) by then
    assertEquals(Instant.parse("2026-03-31T22:00:00Z"), grant.reportsLateFrom());
    assertFalse(grant.reportLateAt(Instant.parse("2026-03-31T21:59:59Z")), "the deadline's last second");
    assertTrue(grant.reportLateAt(Instant.parse("2026-03-31T22:00:00Z")));
    assertFalse(grant.reportLateAt(Instant.parse("2026-02-02T08:00:00Z")));
  }
}
