package se.bidrag.local;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import se.bidrag.platform.Log;

/**
 * What runs by itself in {@code ./bidrag serve}: as many pollers per SQS event source as its
 * MaximumConcurrency (as Lambda's pollers do), a ticker that fires the schedules that came due on the
 * clock, every second, and Lambda's asynchronous retries as they come due. Tests and the demo leave it
 * off and deliver explicitly.
 */
final class BackgroundDelivery implements AutoCloseable {
  private final List<SqsEventSource> eventSources;
  private final LocalScheduler scheduler;
  private final AsyncInvoker async;
  private final AtomicBoolean running = new AtomicBoolean();
  private ExecutorService pollers;
  private ScheduledExecutorService ticker;

  BackgroundDelivery(List<SqsEventSource> eventSources, LocalScheduler scheduler, AsyncInvoker async) {
    this.eventSources = eventSources;
    this.scheduler = scheduler;
    this.async = async;
  }

  synchronized void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    int threads = eventSources.stream().mapToInt(SqsEventSource::maximumConcurrency).sum();
    pollers = Executors.newFixedThreadPool(Math.max(1, threads), daemon("local-sqs"));
    for (SqsEventSource s : eventSources) {
      for (int i = 0; i < s.maximumConcurrency(); i++) {
        pollers.submit(() -> poll(s));
      }
    }
    ticker = Executors.newScheduledThreadPool(2, daemon("local-scheduler"));
    ticker.scheduleWithFixedDelay(() -> {
      try {
        scheduler.fireDue();
      } catch (RuntimeException e) {
        Log.warn("local scheduler failed", "error", String.valueOf(e));
      }
    }, 1, 1, TimeUnit.SECONDS);
    ticker.scheduleWithFixedDelay(() -> {
      try {
        async.runDue();
      } catch (RuntimeException e) {
        Log.warn("local asynchronous retry failed", "error", String.valueOf(e));
      }
    }, 200, 200, TimeUnit.MILLISECONDS);
  }

  private void poll(SqsEventSource s) {
    while (running.get()) {
      try {
        s.pollOnce(1);
      } catch (RuntimeException e) {
        if (running.get()) {
          Log.warn("local SQS poll failed", "queue", s.queueUrl(), "error", String.valueOf(e));
          LocalRuntime.sleep(500);
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    running.set(false);
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (pollers != null) {
      pollers.shutdownNow();
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
