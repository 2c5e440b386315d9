package se.bidrag.metrics;

/**
 * Where the domain counts business events (a port: on Lambda, CloudWatch embedded metric format lines
 * in the function's log, {@code se.bidrag.platform.EmfMetrics}). Counting never fails the business
 * operation it follows.
 */
public interface BusinessMetrics {
  /** Counts {@code n} events of the metric for the grant (n ≤ 0: nothing). */
  void count(Metric metric, String grantId, long n);

  /** Counts nothing (unit tests that do not look at metrics). */
  BusinessMetrics NONE = (metric, grantId, n) -> { };
}
