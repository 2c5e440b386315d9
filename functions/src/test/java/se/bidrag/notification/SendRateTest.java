package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The send quota on a fake clock: time moves only when the rate sleeps or a send "takes" time, so
 * the assertions hold exactly, whatever the speed of the machine.
 */
class SendRateTest {
  private static final long SECOND = 1_000_000_000L;

  /** A fake monotonic clock; its sleeper moves it by a share of what was asked (1 = exactly, less = wakes early). */
  static final class FakeTime {
    long nanos;
    final double sleepShare;
    int sleeps;

    FakeTime(long start, double sleepShare) {
      this.nanos = start;
      this.sleepShare = sleepShare;
    }

    long now() {
      return nanos;
    }

    void sleep(long asked) {
      assertTrue(asked > 0, "asked to sleep " + asked);
      sleeps++;
      nanos += Math.max(1, (long) (asked * sleepShare));
    }
  }

  /** Sends {@code count} jobs through the sender; each send takes 0..maxWorkMillis of fake time. Returns when each went to SES. */
  private static List<Long> send(int perSecond, FakeTime time, int count, int maxWorkMillis) {
    List<Long> at = new ArrayList<>();
    Random work = new Random(perSecond * 31L + count);
    EmailSender sender = new EmailSender(new MemoryLedger(), (j, from) -> {
      at.add(time.now());
      time.nanos += maxWorkMillis == 0 ? 0 : work.nextInt(maxWorkMillis * 1_000_000);
      return "m-" + at.size();
    }, new SendRate(perSecond, time::now, time::sleep), "from@x.se",
        Clock.fixed(Instant.parse("2026-02-02T06:00:00Z"), ZoneOffset.UTC));
    for (int i = 0; i < count; i++) {
      sender.send(EmailSenderTest.job("j" + i, "r@x.se"));
    }
    return at;
  }

  /** Send i and send i + quota are at least a second apart: no one-second window holds quota + 1 sends. */
  private static void assertNoSecondExceeds(int perSecond, List<Long> at) {
    for (int i = 0; i + perSecond < at.size(); i++) {
      long span = at.get(i + perSecond) - at.get(i);
      assertTrue(span >= SECOND, perSecond + 1 + " sends within " + span + " ns from send " + i + " at " + perSecond + "/s");
    }
  }

  @Test
  void noOneSecondWindowExceedsTheQuota() {
    for (int perSecond : new int[] {1, 3, 4, 7, 14, 100}) {
      for (int workMillis : new int[] {0, 50, 400}) {
        FakeTime time = new FakeTime(123_456_789L, 1.0);
        List<Long> at = send(perSecond, time, 3 * perSecond + 5, workMillis);
        assertEquals(3 * perSecond + 5, at.size());
        assertNoSecondExceeds(perSecond, at);
      }
    }
  }

  /** 14/s (the production default) does not divide a second: the spacing is rounded up, or 15 sends would fit in one. */
  @Test
  void theSpacingIsRoundedUpNotDown() {
    FakeTime time = new FakeTime(0, 1.0);
    List<Long> at = send(14, time, 15, 0);
    assertEquals(14 * 71_428_572L, at.get(14) - at.get(0), "14 intervals of ceil(1e9 / 14) = 71 428 572 ns");
    assertTrue(at.get(14) - at.get(0) >= SECOND);
  }

  /** Without work the sends come exactly one interval apart: the rate waits no longer than it must. */
  @Test
  void theRateWaitsNoLongerThanItMust() {
    FakeTime time = new FakeTime(0, 1.0);
    List<Long> at = send(4, time, 12, 0);
    for (int i = 1; i < at.size(); i++) {
      assertEquals(SECOND / 4, at.get(i) - at.get(i - 1));
    }
    assertEquals(11, time.sleeps, "one sleep per send after the first");
  }

  /** A sleep that wakes early (as Thread.sleep may, by the timer's precision) is slept again, never sent early. */
  @Test
  void anEarlyWakeIsSleptAgain() {
    FakeTime time = new FakeTime(0, 0.3);
    List<Long> at = send(4, time, 12, 0);
    assertNoSecondExceeds(4, at);
    assertTrue(time.sleeps > 11, "woke early, slept again: " + time.sleeps);
  }

  /** System.nanoTime may be near its end or negative: the comparison holds across the overflow. */
  @Test
  void theTickerMayOverflow() {
    FakeTime time = new FakeTime(Long.MAX_VALUE - 2 * SECOND, 1.0);
    List<Long> at = send(7, time, 40, 10);
    assertTrue(time.nanos < 0, "the clock wrapped");
    assertNoSecondExceeds(7, at);
  }

  @Test
  void aRateBelowOnePerSecondIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new SendRate(0));
    assertThrows(IllegalArgumentException.class, () -> SendRate.shareOf(5, 3), "3 senders, 5 sends a second");
    assertThrows(IllegalArgumentException.class, () -> SendRate.shareOf(14, 0));
  }

  /**
   * Senders that run at once, each with its share, counted as SES counts: when the sends arrive, each up to
   * almost one spacing after its turn (random, per send; the harshest case, since a sender whose send is
   * late is also late for its next turn). Together they never exceed the quota in any one second, also
   * when the quota does not divide by the senders. Each sender has its own clock from the same start (they
   * share the wall clock, not a lock) and its own random work per send.
   */
  @Test
  void concurrentSendersWithTheirSharesStayUnderTheQuotaAsTheirSendsArrive() {
    for (int[] c : new int[][] {{50, 2}, {7, 2}, {14, 3}, {14, 1}, {14, 2}, {100, 7}}) {
      int quota = c[0];
      int senders = c[1];
      long spacing = (SECOND + quota / senders - 2) / (quota / senders - 1);
      List<Long> arrivals = new ArrayList<>();
      for (int s = 0; s < senders; s++) {
        FakeTime time = new FakeTime(0, 1.0);
        Random random = new Random(quota * 31L + s);
        EmailSender sender = new EmailSender(new MemoryLedger(), (j, from) -> {
          arrivals.add(time.now() + (long) (random.nextDouble() * (spacing - 1)));
          time.nanos += random.nextInt(3_000_000);
          return "m-" + arrivals.size();
        }, SendRate.shareOf(quota, senders, time::now, time::sleep), "from@x.se",
            Clock.fixed(Instant.parse("2026-02-02T06:00:00Z"), ZoneOffset.UTC));
        for (int i = 0; i < 3 * quota; i++) {
          sender.send(EmailSenderTest.job("s" + s + "-" + i, "r@x.se"));
        }
      }
      arrivals.sort(null);
      assertNoSecondExceeds(quota, arrivals);
      long firstSecond = arrivals.stream().filter(t -> t < SECOND).count();
      assertTrue(firstSecond >= (quota / senders - 1) * senders, quota + "/s shared by " + senders
          + ": each sends its share, " + firstSecond + " in the first second");
    }
  }
}
