package se.bidrag.notification;

/**
 * Keeps sends under the SES quota: at most {@code perSecond} sends per second from this
 * container (the sender runs with reserved concurrency 1, so this is the function's rate).
 */
public final class SendRate {
  private final long intervalNanos;
  private long next = System.nanoTime();

  public SendRate(int perSecond) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("send rate must be at least 1 per second");
    }
    this.intervalNanos = 1_000_000_000L / perSecond;
  }

  /** Waits until the next send is allowed. */
  public synchronized void acquire() {
    long now = System.nanoTime();
    long wait = next - now;
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      now = System.nanoTime();
    }
    next = Math.max(next, now) + intervalNanos;
  }
}
