package se.bidrag.integration.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.notification.DynamoEmailLedger;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailLedger;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;

/** The e-mail ledger's claims on DynamoDB Local: what makes a retried or lost call safe. */
@ExtendWith(LocalStackExtension.class)
class EmailLedgerIT {
  private static final Instant NOW = Instant.parse("2026-02-02T06:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);

  private static EmailJob job() {
    return new EmailJob("report-link:g:kommun-0114:0", "registrator@example.se", "Ämne", "Text", null, List.of(),
        Map.of("grant", "g"));
  }

  @Test
  void aClaimIsReentrantForItsOwnAttemptOnlyAndOnlyItsOwnerGivesItBack(LocalRuntime runtime) {
    EmailLedger ledger = new DynamoEmailLedger(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    EmailJob job = job();

    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-a", NOW, LEASE));
    // the same attempt again (its first answer was lost and the SDK retried): still its claim
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-a", NOW, LEASE));
    // another delivery of the same job while the lease runs
    assertEquals(EmailLedger.Claim.IN_PROGRESS, ledger.claim(job, "attempt-b", NOW.plusSeconds(60), LEASE));

    ledger.release(job, "attempt-b"); // not b's to give back
    assertEquals(EmailLedger.State.CLAIMED, ledger.find(job.jobId()).orElseThrow().state());
    ledger.release(job, "attempt-a");
    assertTrue(ledger.find(job.jobId()).isEmpty(), "the owner gave the claim back");

    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-b", NOW.plusSeconds(61), LEASE));
    ledger.markSent(job, "ses-1", NOW.plusSeconds(62));
    ledger.markSent(job, "ses-1", NOW.plusSeconds(63)); // a retried mark with the same message id is fine
    ledger.release(job, "attempt-b"); // a late release after sending changes nothing
    assertEquals(EmailLedger.State.SENT, ledger.find(job.jobId()).orElseThrow().state());
    assertEquals(EmailLedger.Claim.ALREADY_SENT, ledger.claim(job, "attempt-c", NOW.plus(Duration.ofHours(1)), LEASE));
  }

  @Test
  void anExpiredClaimOfAnotherAttemptCanBeTakenOver(LocalRuntime runtime) {
    EmailLedger ledger = new DynamoEmailLedger(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    EmailJob job = job();
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-a", NOW, LEASE));
    assertEquals(EmailLedger.Claim.IN_PROGRESS, ledger.claim(job, "attempt-b", NOW.plus(LEASE).minusSeconds(1), LEASE));
    assertEquals(EmailLedger.Claim.CLAIMED, ledger.claim(job, "attempt-b", NOW.plus(LEASE).plusSeconds(1), LEASE));
    ledger.release(job, "attempt-a"); // the first attempt, waking up late, cannot take b's claim away
    assertEquals(EmailLedger.State.CLAIMED, ledger.find(job.jobId()).orElseThrow().state());
  }
}
