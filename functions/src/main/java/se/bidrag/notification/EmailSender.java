package se.bidrag.notification;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import se.bidrag.metrics.BusinessMetrics;
import se.bidrag.metrics.Metric;
import se.bidrag.platform.Log;

/**
 * Sends one job at most once: suppressed addresses are recorded and skipped; the job is claimed
 * (a duplicate delivery finds it claimed or sent and does nothing); the send waits for the send
 * rate; throttling is retried with backoff; the claim becomes "sent" after the provider accepted it.
 */
public final class EmailSender {
  static final Duration LEASE = Duration.ofMinutes(5);
  private static final int THROTTLE_RETRIES = 5;
  private static final int RECORD_ATTEMPTS = 8;

  /** What happened to a job. */
  public enum Result { SENT, DUPLICATE, SUPPRESSED }

  private final EmailLedger ledger;
  private final Mailer mailer;
  private final SendRate rate;
  private final String from;
  private final Clock clock;
  private final BusinessMetrics metrics;

  public EmailSender(EmailLedger ledger, Mailer mailer, SendRate rate, String from, Clock clock) {
    this(ledger, mailer, rate, from, clock, BusinessMetrics.NONE);
  }

  public EmailSender(EmailLedger ledger, Mailer mailer, SendRate rate, String from, Clock clock,
      BusinessMetrics metrics) {
    this.metrics = metrics;
    this.ledger = ledger;
    this.mailer = mailer;
    this.rate = rate;
    this.from = from;
    this.clock = clock;
  }

  /** Sends or skips; throws when the job should be retried later (it stays on the queue). */
  public Result send(EmailJob job) {
    String claimId = UUID.randomUUID().toString();
    EmailLedger.Claim claim;
    try {
      claim = ledger.claim(job, claimId, clock.instant(), LEASE);
    } catch (RuntimeException unknown) {
      release(job, claimId); // the claim may have been taken: give it back, nothing was sent
      throw unknown;
    }
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
    String messageId;
    try {
      if (ledger.suppressed(job.to())) {
        ledger.markSuppressed(job, clock.instant());
        Log.info("e-mail suppressed", "jobId", job.jobId(), "to", Log.mask(job.to()));
        metrics.count(Metric.EMAILS_SUPPRESSED, job.tags().get("grant"), 1);
        return Result.SUPPRESSED;
      }
      messageId = sendWithinRate(job);
    } catch (Mailer.Uncertain u) {
      throw u; // SES may have it: the claim stays until its lease runs out
    } catch (RuntimeException certainlyNotSent) {
      release(job, claimId); // the next delivery may try again now, not after the lease
      throw certainlyNotSent;
    }
    recordSent(job, messageId);
    metrics.count(Metric.EMAILS_SENT, job.tags().get("grant"), 1);
    return Result.SENT;
  }

  private String sendWithinRate(EmailJob job) {
    for (int attempt = 0; ; attempt++) {
      rate.acquire();
      try {
        return mailer.send(job, from);
      } catch (Mailer.Failure f) {
        if (f.throttled() && attempt < THROTTLE_RETRIES) {
          sleep(100L << attempt);
          continue;
        }
        throw f;
      }
    }
  }

  private void release(EmailJob job, String claimId) {
    try {
      ledger.release(job, claimId);
    } catch (RuntimeException e) {
      Log.warn("could not give back the claim; it expires after its lease", "jobId", job.jobId(), "error",
          String.valueOf(e));
    }
  }

  /**
   * SES has the message: recording that is what keeps a later delivery from sending it again, so a
   * failure here is retried well beyond the SDK's own attempts. Only if the ledger stays unreachable
   * for all of them does the claim stay open; after its lease the job would be sent again (logged).
   */
  private void recordSent(EmailJob job, String messageId) {
    for (int attempt = 1; ; attempt++) {
      try {
        ledger.markSent(job, messageId, clock.instant());
        return;
      } catch (RuntimeException e) {
        if (attempt == RECORD_ATTEMPTS) {
          Log.error("e-mail sent but not recorded; it may be sent again after the claim's lease", e, "jobId",
              job.jobId(), "messageId", messageId);
          throw e;
        }
        sleep(Math.min(2000, 50L << attempt));
      }
    }
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
