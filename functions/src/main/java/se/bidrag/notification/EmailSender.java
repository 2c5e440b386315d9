package se.bidrag.notification;

import java.time.Clock;
import java.time.Duration;
import se.bidrag.platform.Log;

/**
 * Sends one job at most once: suppressed addresses are recorded and skipped; the job is claimed
 * (a duplicate delivery finds it claimed or sent and does nothing); the send waits for the send
 * rate; throttling is retried with backoff; the claim becomes "sent" after the provider accepted it.
 */
public final class EmailSender {
  static final Duration LEASE = Duration.ofMinutes(5);
  private static final int THROTTLE_RETRIES = 5;

  /** What happened to a job. */
  public enum Result { SENT, DUPLICATE, SUPPRESSED }

  private final EmailLedger ledger;
  private final Mailer mailer;
  private final SendRate rate;
  private final String from;
  private final Clock clock;

  public EmailSender(EmailLedger ledger, Mailer mailer, SendRate rate, String from, Clock clock) {
    this.ledger = ledger;
    this.mailer = mailer;
    this.rate = rate;
    this.from = from;
    this.clock = clock;
  }

  /** Sends or skips; throws when the job should be retried later (it stays on the queue). */
  public Result send(EmailJob job) {
    EmailLedger.Claim claim = ledger.claim(job, clock.instant(), LEASE);
    switch (claim) {
      case ALREADY_SENT:
        return Result.DUPLICATE;
      case SUPPRESSED:
        return Result.SUPPRESSED;
      case IN_PROGRESS:
        throw new IllegalStateException("job " + job.jobId() + " is claimed by another delivery; retry later");
      default:
        break;
    }
    if (ledger.suppressed(job.to())) {
      ledger.markSuppressed(job, clock.instant());
      Log.info("e-mail suppressed", "jobId", job.jobId(), "to", job.to());
      return Result.SUPPRESSED;
    }
    String messageId = null;
    for (int attempt = 0; messageId == null; attempt++) {
      rate.acquire();
      try {
        messageId = mailer.send(job, from);
      } catch (Mailer.Failure f) {
        if (f.throttled() && attempt < THROTTLE_RETRIES) {
          sleep(100L << attempt);
          continue;
        }
        ledger.release(job); // certainly not sent: the next delivery may try again
        throw f;
      }
    }
    ledger.markSent(job, messageId, clock.instant());
    return Result.SENT;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
