package se.bidrag.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import se.bidrag.platform.LogContext;

class FanoutTest {

  @Test
  void everyTaskRunsAndAtMostTheBoundAtOnce() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tasks.add(() -> {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        sleep(2);
        inFlight.decrementAndGet();
        ran.incrementAndGet();
      });
    }
    Fanout.run(tasks, 8);
    assertEquals(200, ran.get());
    assertTrue(most.get() <= 8, "at most 8 at once, was " + most.get());
    assertTrue(most.get() > 1, "side by side, was " + most.get());
  }

  @Test
  void aFailureFailsTheCallOnlyAfterEveryOtherTaskEnded() {
    AtomicInteger ended = new AtomicInteger();
    CountDownLatch failed = new CountDownLatch(1);
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int n = i;
      tasks.add(() -> {
        if (n == 3) {
          failed.countDown();
          throw new IllegalStateException("injected " + n);
        }
        if (n == 40) {
          throw new IllegalArgumentException("second " + n);
        }
        endAfter(failed, ended);
      });
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fanout.run(tasks, 4));
    assertEquals("injected 3", e.getMessage());
    assertEquals(48, ended.get(), "every other task finished before the call threw");
    assertEquals(1, e.getSuppressed().length, "the second failure is kept");
  }

  @Test
  void anErrorFailsTheCallOnlyAfterEveryOtherTaskEndedToo() {
    AtomicInteger ended = new AtomicInteger();
    CountDownLatch failed = new CountDownLatch(1);
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int n = i;
      tasks.add(() -> {
        if (n == 2) {
          failed.countDown();
          throw new NoClassDefFoundError("injected");
        }
        endAfter(failed, ended);
      });
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fanout.run(tasks, 4));
    assertTrue(e.getCause() instanceof NoClassDefFoundError, String.valueOf(e.getCause()));
    assertEquals(29, ended.get(), "no task is still running when the call fails, not even after an Error");
  }

  @Test
  void oneTaskOrOneThreadRunsInlineWithTheSameRule() {
    AtomicInteger ran = new AtomicInteger();
    assertThrows(IllegalStateException.class, () -> Fanout.run(List.of(() -> {
      throw new IllegalStateException("x");
    }, ran::incrementAndGet), 1));
    assertEquals(1, ran.get());
    Fanout.run(List.of(), 4);
  }

  @Test
  void theWorkersCarryTheInvocationsLogContext() {
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tasks.add(() -> seen.add(LogContext.current().correlationId() + "/" + LogContext.current().grant()));
    }
    try (LogContext.Scope s = LogContext.follow("corr-17", "g-1")) {
      Fanout.run(tasks, 4);
    }
    assertEquals(Set.of("corr-17/g-1"), seen);
  }

  /** A task still running when the failure happens: it waits for it, then ends and counts itself. */
  private static void endAfter(CountDownLatch failed, AtomicInteger ended) {
    try {
      failed.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    sleep(5);
    ended.incrementAndGet();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
