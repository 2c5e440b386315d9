package se.bidrag.notification;

/**
 * Keeps sends under the SES quota: at most {@code perSecond} sends in any one second from this
 * container (the sender runs with reserved concurrency 1, so this is the function's rate). Sends are
 * spaced at least 1/perSecond apart, rounded up to the nanosecond so that perSecond + 1 of them can
 * never fall within one second.
 */
public final class SendRate {
  /** A monotonic clock in nanoseconds ({@link System#nanoTime()} in production). */
  @FunctionalInterface
  public interface Ticker {
    long nanos();
  }

  /** Waits about the given nanoseconds ({@link Thread#sleep} in production; it may wake early or late). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long intervalNanos;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private long next;

  public SendRate(int perSecond) {
    this(perSecond, System::nanoTime, SendRate::threadSleep);
  }

  public SendRate(int perSecond, Ticker ticker, Sleeper sleeper) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("send rate must be at least 1 per second");
    }
    this.intervalNanos = (1_000_000_000L + perSecond - 1) / perSecond;
    this.ticker = ticker;
    this.sleeper = sleeper;
    this.next = ticker.nanos();
  }

  /** Waits until the next send is allowed (however early the sleeper wakes). */
  public synchronized void acquire() {
    long now = ticker.nanos();
    while (next - now > 0) {
      try {
        sleeper.sleep(next - now);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      now = ticker.nanos();
    }
    next = now + intervalNanos;
  }

  private static void threadSleep(long nanos) throws InterruptedException {
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }
}
