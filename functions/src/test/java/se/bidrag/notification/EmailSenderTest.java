package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sender's promises against a ledger with the table's rules ({@link MemoryLedger}): at most once,
 * a claim given back by the claim id that took it, a kept claim retried only after its lease.
 */
class EmailSenderTest {
  private static final Instant T0 = Instant.parse("2026-02-02T06:00:00Z");

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static EmailJob job(String id, String to) {
    return new EmailJob(id, to, "Ämne", "Text", null, List.of(), Map.of());
  }

  /** A send rate whose ticker moves a second at each reading, so it never has to wait. */
  private static SendRate noWait() {
    long[] t = {0};
    return new SendRate(1000, () -> t[0] += 1_000_000_000L, nanos -> {
      throw new AssertionError("no wait is needed");
    });
  }

  @Test
  void aJobIsSentAtMostOnceWhateverIsDelivered() {
    MemoryLedger ledger = new MemoryLedger();
    List<String> sent = new ArrayList<>();
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      sent.add(j.jobId());
      return "m-" + sent.size();
    }, new SendRate(1000), "from@x.se", new MutableClock(T0));
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")));
    assertEquals(EmailSender.Result.DUPLICATE, sender.send(job("a", "r@x.se")));
    assertEquals(List.of("a"), sent);
    assertEquals("m-1", ledger.find("a").orElseThrow().messageId());
  }

  @Test
  void aFailedSendGivesTheClaimBackSoTheNextDeliverySendsIt() {
    MemoryLedger ledger = new MemoryLedger();
    int[] calls = {0};
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      if (calls[0]++ == 0) {
        throw new Mailer.Failure("SES said no", false, false, null);
      }
      return "m";
    }, noWait(), "from@x.se", new MutableClock(T0));
    assertThrows(Mailer.Failure.class, () -> sender.send(job("a", "r@x.se")));
    assertTrue(ledger.find("a").isEmpty(), "released by the claim id that took it (another id could not)");
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")), "at once, not after the lease");
  }

  /** The claim took effect but its answer was lost: the sender gives back its own claim, by its own id. */
  @Test
  void aClaimWhoseAnswerWasLostIsGivenBackByItsClaimId() {
    MemoryLedger table = new MemoryLedger();
    boolean[] lose = {true};
    EmailLedger lossy = new ForwardingLedger(table) {
      @Override
      public Claim claim(EmailJob job, String claimId, Instant now, Duration lease) {
        Claim c = super.claim(job, claimId, now, lease);
        if (lose[0]) {
          lose[0] = false;
          throw new IllegalStateException("connection reset after the write");
        }
        return c;
      }
    };
    List<String> sent = new ArrayList<>();
    EmailSender sender = new EmailSender(lossy, (j, from) -> {
      sent.add(j.jobId());
      return "m";
    }, noWait(), "from@x.se", new MutableClock(T0));
    assertThrows(IllegalStateException.class, () -> sender.send(job("a", "r@x.se")));
    assertTrue(table.find("a").isEmpty(), "the taken claim was given back");
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")), "the next delivery need not wait the lease");
    assertEquals(List.of("a"), sent);
  }

  @Test
  void throttlingIsRetriedWithBackoff() {
    int[] calls = {0};
    MemoryLedger ledger = new MemoryLedger();
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      if (calls[0]++ < 2) {
        throw new Mailer.Failure("Throttling", true, false, null);
      }
      return "m";
    }, new SendRate(1000), "from@x.se", new MutableClock(T0));
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")));
    assertEquals(3, calls[0]);
    assertEquals(1, ledger.claims.size(), "one claim for all the attempts");
  }

  /** Each delivery claims under its own id: were it the same, a second delivery would find "its own" claim and resend. */
  @Test
  void anUncertainSendKeepsItsClaimAgainstAnotherDelivery() {
    MemoryLedger ledger = new MemoryLedger();
    int[] calls = {0};
    MutableClock clock = new MutableClock(T0);
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      calls[0]++;
      throw new Mailer.Uncertain("no answer", null);
    }, noWait(), "from@x.se", clock);
    assertThrows(Mailer.Uncertain.class, () -> sender.send(job("a", "r@x.se")));
    clock.set(T0.plusSeconds(30));
    assertThrows(IllegalStateException.class, () -> sender.send(job("a", "r@x.se")), "claimed: not resent at once");
    assertEquals(1, calls[0], "SES was asked once");
    assertNotEquals(ledger.claims.get(0).getKey(), ledger.claims.get(1).getKey(), "each delivery has its own claim id");
    assertEquals(EmailLedger.State.CLAIMED, ledger.find("a").orElseThrow().state());
  }

  /** A kept claim holds for exactly the sender's lease, judged on the sender's clock; after it the job is sent. */
  @Test
  void anUncertainSendIsRetriedOnlyAfterTheLease() {
    MemoryLedger ledger = new MemoryLedger();
    MutableClock clock = new MutableClock(T0);
    List<Instant> asked = new ArrayList<>();
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      asked.add(clock.instant());
      if (asked.size() == 1) {
        throw new Mailer.Uncertain("no answer", null);
      }
      return "m-2";
    }, noWait(), "from@x.se", clock);
    assertThrows(Mailer.Uncertain.class, () -> sender.send(job("a", "r@x.se")));
    assertEquals(T0.plus(EmailSender.LEASE), ledger.row("a").orElseThrow().leaseUntil());

    clock.set(T0.plus(EmailSender.LEASE));
    assertThrows(IllegalStateException.class, () -> sender.send(job("a", "r@x.se")), "still within the lease");
    clock.set(T0.plus(EmailSender.LEASE).plusMillis(1));
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")), "the lease ran out: sent again");
    assertEquals(List.of(T0, T0.plus(EmailSender.LEASE).plusMillis(1)), asked);
    assertTrue(ledger.claims.stream().allMatch(c -> c.getValue().equals(EmailSender.LEASE)));
    assertEquals("m-2", ledger.find("a").orElseThrow().messageId());
  }

  @Test
  void aSuppressedAddressIsRecordedAndNotSent() {
    MemoryLedger ledger = new MemoryLedger();
    ledger.suppress("bounced@x.se");
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      throw new AssertionError("must not send");
    }, noWait(), "from@x.se", new MutableClock(T0));
    assertEquals(EmailSender.Result.SUPPRESSED, sender.send(job("a", "Bounced@X.se")));
    assertEquals(EmailLedger.State.SUPPRESSED, ledger.find("a").orElseThrow().state());
    assertEquals(EmailSender.Result.SUPPRESSED, sender.send(job("a", "Bounced@X.se")), "and stays so");
  }

  /** A ledger that passes every call on (subclassed to change one). */
  static class ForwardingLedger implements EmailLedger {
    private final EmailLedger to;

    ForwardingLedger(EmailLedger to) {
      this.to = to;
    }

    @Override
    public Claim claim(EmailJob job, String claimId, Instant now, Duration lease) {
      return to.claim(job, claimId, now, lease);
    }

    @Override
    public void markSent(EmailJob job, String messageId, Instant now) {
      to.markSent(job, messageId, now);
    }

    @Override
    public void markSuppressed(EmailJob job, Instant now) {
      to.markSuppressed(job, now);
    }

    @Override
    public void release(EmailJob job, String claimId) {
      to.release(job, claimId);
    }

    @Override
    public java.util.Optional<Entry> find(String jobId) {
      return to.find(jobId);
    }

    @Override
    public List<Entry> ofGrant(String grantId) {
      return to.ofGrant(grantId);
    }

    @Override
    public boolean suppressed(String address) {
      return to.suppressed(address);
    }
  }
}
