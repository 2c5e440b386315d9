package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sender's promises with in-memory ledger and mailer: at most once, claims given back on failure, the quota. */
class EmailSenderTest {

  /** An in-memory ledger with the same claim rules as the table's. */
  static final class MemoryLedger implements EmailLedger {
    final Map<String, State> states = new HashMap<>();
    final java.util.Set<String> suppressed = new java.util.HashSet<>();

    @Override
    public synchronized Claim claim(EmailJob job, String claimId, Instant now, Duration lease) {
      State s = states.get(job.jobId());
      if (s == null) {
        states.put(job.jobId(), State.CLAIMED);
        return Claim.CLAIMED;
      }
      return s == State.SENT ? Claim.ALREADY_SENT : s == State.SUPPRESSED ? Claim.SUPPRESSED : Claim.IN_PROGRESS;
    }

    @Override
    public synchronized void markSent(EmailJob job, String messageId, Instant now) {
      states.put(job.jobId(), State.SENT);
    }

    @Override
    public synchronized void markSuppressed(EmailJob job, Instant now) {
      states.put(job.jobId(), State.SUPPRESSED);
    }

    @Override
    public synchronized void release(EmailJob job, String claimId) {
      states.remove(job.jobId());
    }

    @Override
    public Optional<Entry> find(String jobId) {
      return Optional.empty();
    }

    @Override
    public List<Entry> ofGrant(String grantId) {
      return List.of();
    }

    @Override
    public boolean suppressed(String address) {
      return suppressed.contains(address);
    }
  }

  static EmailJob job(String id, String to) {
    return new EmailJob(id, to, "Ämne", "Text", null, List.of(), Map.of());
  }

  @Test
  void aJobIsSentAtMostOnceWhateverIsDelivered() {
    MemoryLedger ledger = new MemoryLedger();
    List<String> sent = new ArrayList<>();
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      sent.add(j.jobId());
      return "m-" + sent.size();
    }, new SendRate(1000), "from@x.se", Clock.systemUTC());
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")));
    assertEquals(EmailSender.Result.DUPLICATE, sender.send(job("a", "r@x.se")));
    assertEquals(List.of("a"), sent);
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
    }, new SendRate(1000), "from@x.se", Clock.systemUTC());
    assertThrows(Mailer.Failure.class, () -> sender.send(job("a", "r@x.se")));
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")));
  }

  @Test
  void throttlingIsRetriedWithBackoff() {
    int[] calls = {0};
    EmailSender sender = new EmailSender(new MemoryLedger(), (j, from) -> {
      if (calls[0]++ < 2) {
        throw new Mailer.Failure("Throttling", true, false, null);
      }
      return "m";
    }, new SendRate(1000), "from@x.se", Clock.systemUTC());
    assertEquals(EmailSender.Result.SENT, sender.send(job("a", "r@x.se")));
    assertEquals(3, calls[0]);
  }

  @Test
  void anUncertainSendKeepsItsClaim() {
    MemoryLedger ledger = new MemoryLedger();
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      throw new Mailer.Uncertain("no answer", null);
    }, new SendRate(1000), "from@x.se", Clock.systemUTC());
    assertThrows(Mailer.Uncertain.class, () -> sender.send(job("a", "r@x.se")));
    assertThrows(IllegalStateException.class, () -> sender.send(job("a", "r@x.se")), "claimed: not resent at once");
  }

  @Test
  void aSuppressedAddressIsRecordedAndNotSent() {
    MemoryLedger ledger = new MemoryLedger();
    ledger.suppressed.add("bounced@x.se");
    EmailSender sender = new EmailSender(ledger, (j, from) -> {
      throw new AssertionError("must not send");
    }, new SendRate(1000), "from@x.se", Clock.systemUTC());
    assertEquals(EmailSender.Result.SUPPRESSED, sender.send(job("a", "bounced@x.se")));
  }
}
