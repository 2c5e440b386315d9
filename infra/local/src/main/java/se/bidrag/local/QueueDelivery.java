package se.bidrag.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Delivery on demand (tests and the demo; {@code ./bidrag serve} delivers in the background): the SQS
 * event sources, each with as many concurrent pollers as its MaximumConcurrency, and Lambda's
 * asynchronous retries as they come due, until nothing waits.
 */
final class QueueDelivery implements AutoCloseable {
  private final List<SqsEventSource> sources;
  private final AsyncInvoker async;
  private final DeadLetters queues;
  private final ExecutorService pollers = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "local-delivery");
    t.setDaemon(true);
    return t;
  });

  QueueDelivery(List<SqsEventSource> sources, AsyncInvoker async, DeadLetters queues) {
    this.sources = sources;
    this.async = async;
    this.queues = queues;
  }

  void untilEmpty(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<Future<Integer>> running = new ArrayList<>();
      for (SqsEventSource s : sources) {
        for (int i = 0; i < s.maximumConcurrency(); i++) {
          running.add(pollers.submit(s::drain));
        }
      }
      int delivered = async.runDue();
      for (Future<Integer> f : running) {
        delivered += join(f);
      }
      if (delivered == 0 && async.idle() && sources.stream().allMatch(s -> s.pending() == 0)) {
        return;
      }
      if (delivered == 0) {
        long retry = async.nanosUntilNextRetry();
        // messages in flight or delayed, or a retry not yet due: wait for them
        LocalRuntime.sleep(retry < 0 ? 20 : Math.max(1, Math.min(20, retry / 1_000_000)));
      }
    }
    throw new IllegalStateException("queues did not empty within " + timeout + ": " + queues.depths()
        + (async.idle() ? "" : ", " + async.waiting() + " asynchronous invocations waiting for a retry"));
  }

  private static int join(Future<Integer> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pollers.shutdownNow();
  }
}
