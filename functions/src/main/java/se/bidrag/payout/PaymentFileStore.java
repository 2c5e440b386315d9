package se.bidrag.payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payment files the finance system reads: one per payout run, or parts 1..n of it when the run holds more
 * orders than one file may (each part a whole pain.001 of its own); and the orders each holds.
 */
public interface PaymentFileStore {

  /**
   * A written file: part {@code part} of the run's {@code parts} (1 of 1 for a run in one file); {@code orders}
   * and {@code total} are this part's, {@code firstOrder} and {@code lastOrder} its first and last order id (null
   * on a file written before runs were split).
   */
  record PaymentFile(String grantId, String runId, int part, int parts, int orders, long total, String firstOrder,
      String lastOrder, Instant createdAt, String sha256, byte[] xml) {

    /** The message id of the file's group header: the run id, or {@code <runId>-<part>} for a part of several. */
    public String messageId() {
      return messageId(runId, part, parts);
    }

    static String messageId(String runId, int part, int parts) {
      return parts == 1 ? runId : runId + "-" + part;
    }

    /** The name the file is served under. */
    public String fileName() {
      return "pain001-" + messageId() + ".xml";
    }
  }

  /** Thrown when a part exists already with other orders than the one to write (the split changed): nothing is written. */
  final class SplitChanged extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public SplitChanged(String message) {
      super(message);
    }

    public SplitChanged(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Records that the run's file will list the order; false if it was recorded already (a duplicate delivery). */
  boolean recordOrder(PaymentOrder order);

  List<PaymentOrder> ordersOf(String grantId, String runId);

  /**
   * Writes the part once; false if it exists with the same orders (then nothing is written).
   *
   * @throws SplitChanged if the part exists with other orders, or the run was written split in another way (in one
   *     file where this is a part of several, or the other way round): a change of the limit between two tries
   */
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

  /** Part {@code part} of the run's file (1: the whole file of a run in one). */
  Optional<PaymentFile> file(String grantId, String runId, int part);

  /** The run's file, or its first part. */
  default Optional<PaymentFile> file(String grantId, String runId) {
    return file(grantId, runId, 1);
  }

  /** The grant's files, each part on its own, by run and part. */
  List<PaymentFile> files(String grantId);
}
