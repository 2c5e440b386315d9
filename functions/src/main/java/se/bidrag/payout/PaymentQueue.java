package se.bidrag.payout;

/**
 * The payment-order queue (SQS FIFO): one message group per run, so a run's orders and its closing
 * message arrive in order; the deduplication id is the order's id.
 */
public interface PaymentQueue {
  void send(PaymentOrder order);

  /** The run is complete: the consumer may write its file once it holds {@code orders} orders. */
  void close(String grantId, String runId, int orders, long total);
}
