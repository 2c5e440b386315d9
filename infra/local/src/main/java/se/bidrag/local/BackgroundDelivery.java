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
 * What runs by itself in {@code ./bidrag serve}: one poller per SQS event source (as Lambda's pollers
 * do) and a ticker that fires the schedules that came due on the clock, every second. Tests and the
 * demo leave it off and deliver explicitly.
 */
final class BackgroundDelivery implements AutoCloseable {
  private final List<SqsEventSource> eventSources;
  private final LocalScheduler scheduler;
  private final AtomicBoolean running = new AtomicBoolean();
  private ExecutorService pollers;
  private ScheduledExecutorService ticker;

  BackgroundDelivery(List<SqsEventSource> eventSources, LocalScheduler scheduler) {
    this.eventSources = eventSources;
    this.scheduler = scheduler;
  }

  synchronized void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    pollers = Executors.newFixedThreadPool(Math.max(1, eventSources.size()), daemon("local-sqs"));
    for (SqsEventSource s : eventSources) {
      pollers.submit(() -> {
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
      });
    }
    ticker = Executors.newSingleThreadScheduledExecutor(daemon("local-scheduler"));
    ticker.scheduleWithFixedDelay(() -> {
      try {
        scheduler.fireDue();
      } catch (RuntimeException e) {
        Log.warn("local scheduler failed", "error", String.valueOf(e));
      }
    }, 1, 1, TimeUnit.SECONDS);
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
