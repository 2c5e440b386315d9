package se.bidrag.payout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import se.bidrag.platform.LogContext;

/**
 * Runs independent calls of one invocation side by side on a bounded pool, so that a payout over 10 000
 * recipients is not 10 000 round trips one after another. Each task stays what it was (its own conditional
 * transaction, its own message); nothing is shared between tasks but what the caller made thread-safe.
 * {@link #run} returns only when every task has finished: a task that fails fails the whole call, but only
 * after all the others ended, so the caller never goes on (proposes, closes) while a task is still in flight,
 * and never stops half of them midway. The pool lives for one call (its threads are started by the
 * invocation's thread, and carry its log context).
 */
final class Fanout {
  /**
   * How many calls one invocation has in flight at most: 16. Bounded so that a large grant does not open
   * thousands of connections or throttle the table; the HTTP client keeps this many connections alive only
   * with {@code -Dhttp.maxConnections=16} (template.yaml sets it for the payout functions).
   */
  static final int THREADS = 16;

  private Fanout() {}

  /** Runs every task, at most {@link #THREADS} at a time; throws the first failure (the others suppressed) once all ended. */
  static void run(List<? extends Runnable> tasks) {
    run(tasks, THREADS);
  }

  static void run(List<? extends Runnable> tasks, int threads) {
    if (tasks.isEmpty()) {
      return;
    }
    if (tasks.size() == 1 || threads <= 1) {
      inline(tasks);
      return;
    }
    LogContext context = LogContext.current();
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
      Thread t = new Thread(r, "payout-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(tasks.size());
      for (Runnable task : tasks) {
        futures.add(pool.submit(() -> {
          try (LogContext.Scope s = LogContext.adopt(context)) {
            task.run();
          }
        }));
      }
      RuntimeException failure = null;
      boolean interrupted = false;
      for (Future<?> f : futures) {
        while (true) {
          try {
            f.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true; // wait on: no task may outlive the call
          } catch (ExecutionException e) {
            failure = collect(failure, e.getCause());
            break;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void inline(List<? extends Runnable> tasks) {
    RuntimeException failure = null;
    for (Runnable task : tasks) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        failure = collect(failure, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * The first failure, the later ones suppressed in it. An {@link Error} is collected like the others (wrapped),
   * not thrown at once: thrown while tasks are still in flight, the invocation would end with its workers still
   * proposing orders, which a later run must never find half-done (the batch's count and sum would change after
   * it was proposed).
   */
  private static RuntimeException collect(RuntimeException first, Throwable next) {
    if (first == null) {
      return next instanceof RuntimeException r ? r : new IllegalStateException(next);
    }
    if (first.getSuppressed().length < 10) {
      first.addSuppressed(next);
    }
    return first;
  }
}
