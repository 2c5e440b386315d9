package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The in-memory ledger keeps the table's rules: the same scenarios as infra's EmailLedgerTest runs on
 * DynamoDB Local, so the sender's tests run against a ledger that refuses what the real one refuses.
 */
class MemoryLedgerTest {
  private static final Instant NOW = Instant.parse("2026-02-02T06:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private static EmailJob job() {
    return new EmailJob("report-link:g:kommun-0114:0", "registrator@example.se", "Ämne", "Text", null, List.of(),
        Map.of("grant", "g"));
  }

  @Test
  void aClaimIsReentrantForItsOwnAttemptOnlyAndOnlyItsOwnerGivesItBack() {
    MemoryLedger ledger = new MemoryLedger();
    EmailJob job = job();
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-a", NOW, LEASE));
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-a", NOW, LEASE), "its own claim, retried");
    assertEquals(EmailLedger.Claim.IN_PROGRESS, ledger.claim(job, "attempt-b", NOW.plusSeconds(60), LEASE));

    ledger.release(job, "attempt-b");
    assertEquals(EmailLedger.State.CLAIMED, ledger.find(job.jobId()).orElseThrow().state(), "not b's to give back");
    ledger.release(job, "attempt-a");
    assertTrue(ledger.find(job.jobId()).isEmpty(), "the owner gave the claim back");

    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-b", NOW.plusSeconds(61), LEASE));
    ledger.markSent(job, "ses-1", NOW.plusSeconds(62));
    ledger.markSent(job, "ses-1", NOW.plusSeconds(63));
    assertThrows(MemoryLedger.ConditionFailed.class, () -> ledger.markSent(job, "ses-2", NOW.plusSeconds(64)),
        "sent under another message id");
    ledger.release(job, "attempt-b");
    assertEquals(EmailLedger.State.SENT, ledger.find(job.jobId()).orElseThrow().state(), "a late release changes nothing");
    assertEquals("ses-1", ledger.find(job.jobId()).orElseThrow().messageId());
    assertEquals(EmailLedger.Claim.ALREADY_SENT, ledger.claim(job, "attempt-c", NOW.plus(Duration.ofHours(1)), LEASE));
    assertEquals(List.of(job.jobId()), ledger.ofGrant("g").stream().map(EmailLedger.Entry::jobId).toList());
  }

  @Test
  void anExpiredClaimOfAnotherAttemptCanBeTakenOver() {
    MemoryLedger ledger = new MemoryLedger();
    EmailJob job = job();
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-a", NOW, LEASE));
    assertEquals(EmailLedger.Claim.IN_PROGRESS, ledger.claim(job, "attempt-b", NOW.plus(LEASE), LEASE),
        "the lease runs out only after its last millisecond");
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-b", NOW.plus(LEASE).plusMillis(1), LEASE));
    ledger.release(job, "attempt-a");
    assertEquals("attempt-b", ledger.row(job.jobId()).orElseThrow().claimId(), "a late first attempt cannot take it away");
  }

  @Test
  void nothingIsMarkedWithoutAClaim() {
    MemoryLedger ledger = new MemoryLedger();
    EmailJob job = job();
    assertThrows(MemoryLedger.ConditionFailed.class, () -> ledger.markSent(job, "ses-1", NOW));
    assertThrows(MemoryLedger.ConditionFailed.class, () -> ledger.markSuppressed(job, NOW));
    ledger.claim(job, "attempt-a", NOW, LEASE);
    ledger.markSuppressed(job, NOW);
    assertEquals(EmailLedger.Claim.SUPPRESSED, ledger.claim(job, "attempt-b", NOW.plus(Duration.ofDays(1)), LEASE));
    assertThrows(MemoryLedger.ConditionFailed.class, () -> ledger.markSent(job, "ses-1", NOW));
  }

  @Test
  void suppressionIgnoresTheAddressCase() {
    MemoryLedger ledger = new MemoryLedger();
    ledger.suppress("Registrator@Example.se");
    assertTrue(ledger.suppressed("registrator@example.SE"));
  }
}
