package se.bidrag.payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The payment files the finance system reads, one per payout run, and the orders each holds. */
public interface PaymentFileStore {

  /** A written file. */
  record PaymentFile(String grantId, String runId, int orders, long total, Instant createdAt, String sha256, byte[] xml) {}

  /** Records that the run's file will list the order; false if it was recorded already (a duplicate delivery). */
  boolean recordOrder(PaymentOrder order);

  List<PaymentOrder> ordersOf(String grantId, String runId);

  /** Writes the run's file once; false if it exists (then nothing is written). */
  boolean writeFile(PaymentFile file);

  /** The attestant's approval of the batch, if it has one: no file is written without it. */
  Optional<PayoutBatch.Approval> approval(String grantId, String runId);

  /**
   * Marks the run's orders and then the run itself as filed, in transactions of at most 100 orders (all of a
   * chunk or none); safe to call again after a failure part-way (an order filed already stays filed).
   *
   * @return how many orders this call marked that were not filed before
   */
  int markFiled(String grantId, String runId, List<PaymentOrder> orders);

  Optional<PaymentFile> file(String grantId, String runId);

  List<PaymentFile> files(String grantId);
}
