package se.bidrag.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The e-mail ledger of a dry run (SnapStart priming of the sender, see {@code se.bidrag.platform.DryRun}):
 * its reads are the real ledger's (on the dry platform's client), its writes are not made at all; a claim is
 * granted after the job's record is read, so that the dry send goes on to build the message and to the SES
 * call, which the dry platform stops before it leaves.
 */
final class DryLedger implements EmailLedger {
  private final EmailLedger reads;

  DryLedger(EmailLedger reads) {
    this.reads = reads;
  }

  @Override
  public Claim claim(EmailJob job, String claimId, Instant now, Duration lease) {
    reads.find(job.jobId());
    return Claim.CLAIMED;
  }

  @Override
  public void markSent(EmailJob job, String messageId, Instant now) {
    // not written
  }

  @Override
  public void markSuppressed(EmailJob job, Instant now) {
    // not written
  }

  @Override
  public void release(EmailJob job, String claimId) {
    // not written
  }

  @Override
  public Optional<Entry> find(String jobId) {
    return reads.find(jobId);
  }

  @Override
  public List<Entry> ofGrant(String grantId) {
    return reads.ofGrant(grantId);
  }

  @Override
  public boolean suppressed(String address) {
    return reads.suppressed(address);
  }
}
