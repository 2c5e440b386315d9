package se.bidrag.notification;

/**
 * Keeps sends under the SES quota: at most {@code perSecond} sends in any one second from this
 * container. Sends are spaced at least 1/perSecond apart, rounded up to the nanosecond so that
 * perSecond + 1 of them can never fall within one second. When several senders run at once (the
 * e-mail queue's event source runs up to MaximumConcurrency of them), each keeps its share of the
 * quota ({@link #shareOf}).
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

  /**
   * One sender's share when {@code senders} of them share a quota of {@code perSecond}: the quota divided
   * by the senders, rounded down, so that together they never exceed it in any one second (14/s shared
   * by 2: 7/s each; by 3: 4/s each, 12/s in all). More senders than the quota allows sends is refused.
   */
  public static SendRate shareOf(int perSecond, int senders) {
    return shareOf(perSecond, senders, System::nanoTime, SendRate::threadSleep);
  }

  public static SendRate shareOf(int perSecond, int senders, Ticker ticker, Sleeper sleeper) {
    if (senders < 1 || senders > perSecond) {
      throw new IllegalArgumentException(senders + " senders cannot share a quota of " + perSecond
          + " sends per second (each needs at least 1 per second)");
    }
    return new SendRate(perSecond / senders, ticker, sleeper);
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
