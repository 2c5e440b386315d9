package se.bidrag.local;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every local function reads, under the user's control: set it to any instant, and it
 * either stands still there (tests, the demo) or runs on from there at real speed ({@code ./bidrag serve}).
 */
public final class LocalClock extends Clock {
  private volatile Instant base;
  private volatile long baseNanos;
  private volatile boolean running;

  public LocalClock(Instant start, boolean running) {
    this.base = start;
    this.baseNanos = System.nanoTime();
    this.running = running;
  }

  public synchronized void set(Instant instant) {
    base = instant;
    baseNanos = System.nanoTime();
  }

  @Override
  public Instant instant() {
    Instant b = base;
    return running ? b.plusNanos(System.nanoTime() - baseNanos) : b;
  }

  public boolean running() {
    return running;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(instant(), zone);
  }
}
