package se.bidrag.notification;

import java.time.Instant;
import java.util.Optional;

/**
 * What happened to each e-mail job, kept with conditional writes so that a job is sent at most once:
 * a sender claims a job before sending (one claim wins), marks it sent after, and releases it when
 * the send failed for certain. A claim left by a sender that died expires after a lease.
 */
public interface EmailLedger {

  /** The state of a job. */
  enum State { CLAIMED, SENT, SUPPRESSED }

  /** One job's record. */
  record Entry(String jobId, State state, Instant at, String messageId, String to, java.util.Map<String, String> tags) {}

  /** How a claim attempt ended. */
  enum Claim { CLAIMED, ALREADY_SENT, IN_PROGRESS, SUPPRESSED }

  /**
   * Claims the job for one send attempt, identified by {@code claimId}. The claim is taken if there is
   * none, if an earlier one's lease ran out, or if it is this attempt's own (its answer was lost and
   * the call was retried).
   */
  Claim claim(EmailJob job, String claimId, Instant now, java.time.Duration lease);

  void markSent(EmailJob job, String messageId, Instant now);

  /** The job was refused (suppressed address): recorded, never sent. */
  void markSuppressed(EmailJob job, Instant now);

  /** The send failed for certain: this attempt's claim is given back (no one else's), the job can be retried. */
  void release(EmailJob job, String claimId);

  Optional<Entry> find(String jobId);

  /** Every job recorded for a grant (its tags name the grant). */
  java.util.List<Entry> ofGrant(String grantId);

  /** Is this address suppressed (it bounced or complained)? */
  boolean suppressed(String address);
}
