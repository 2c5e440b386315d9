package se.bidrag.payout;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A payout batch: the payment orders one run prepared, which go to the bank only when an attestant
 * who is not its proposer approves the batch (one payment file, naming the approval); a rejection
 * returns its orders to "not paid".
 *
 * <p>States: OPEN (recording orders) → AWAITING_ATTESTATION → APPROVED (orders released to the queue)
 * → CLOSED (the closing message is on the queue) → FILED (the payment file is written); or
 * AWAITING_ATTESTATION → REJECTED → RETURNED (every order returned). A batch that records nothing is
 * dropped.
 *
 * @param proposedBy the proposer's subject ({@code system:payout} for the daily run)
 * @param proposer the proposer as audit records name people
 * @param skipped recipients the run left out because their organisation has no approved payout account
 */
public record PayoutBatch(String grantId, String batchId, State state, String proposedBy, String proposer,
    Instant openedAt, Instant proposedAt, int orders, long total, List<Skipped> skipped, Approval approval,
    Rejection rejection) {

  public PayoutBatch {
    skipped = List.copyOf(skipped);
  }

  /** Where the batch is. */
  public enum State {
    OPEN, AWAITING_ATTESTATION, APPROVED, CLOSED, FILED, REJECTED, RETURNED;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** A recipient left out: no approved payout account for its organisation. */
  public record Skipped(String recipientId, String orgnr, String name, String orderId, long amount) {}

  /** Who approved, when, under which approval id (the payment file names it). */
  public record Approval(String approvalId, String approvedBy, String approver, Instant at) {}

  /** Who rejected, when and why. */
  public record Rejection(String rejectedBy, String rejecter, Instant at, String reason) {}

  /** The entity its audit entries are about. */
  public static String entity(String grantId, String batchId) {
    return "payout-batch/" + grantId + "/" + batchId;
  }

  public String href() {
    return "/grants/" + grantId + "/payout-batches/" + batchId;
  }
}
