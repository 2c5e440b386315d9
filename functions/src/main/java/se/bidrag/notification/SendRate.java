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
   * One sender's share when {@code senders} of them share a quota of {@code perSecond}, counted where SES
   * counts it: as the sends arrive. A send may reach SES later than its turn (the request is built and
   * signed, the network varies, a pause), but less than one spacing later: sooner and the sender would
   * already have asked for its next turn. So a sender at {@code r} sends per second can put {@code r + 1}
   * arrivals into one second, never more, and each keeps {@code perSecond / senders - 1}, rounded down:
   * together at most {@code senders * (perSecond / senders)}, within the quota in every second (50/s shared
   * by 2: 24/s each; 14/s by 2: 6/s each). A share below one send per second is refused.
   */
  public static SendRate shareOf(int perSecond, int senders) {
    return shareOf(perSecond, senders, System::nanoTime, SendRate::threadSleep);
  }

  public static SendRate shareOf(int perSecond, int senders, Ticker ticker, Sleeper sleeper) {
    if (senders < 1 || perSecond / senders < 2) {
      throw new IllegalArgumentException(senders + " senders cannot share a quota of " + perSecond
          + " sends per second (each needs a share of at least 2, of which it uses 1 less)");
    }
    return new SendRate(perSecond / senders - 1, ticker, sleeper);
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
