package se.bidrag.payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.bidrag.access.Caller;

/**
 * The payout batches. Every change of state is conditional on the state it leaves; proposing,
 * approving, rejecting and returning are each one transaction with the batch's audit entry (and the
 * register of proposals' item), so each happens once, and of a concurrent approval and rejection
 * exactly one takes effect.
 */
public interface PayoutBatches {

  /** How a decision went. */
  enum Outcome { DONE, NOT_AWAITING }

  /** Opens a batch before it records orders (so a batch that dies is found and finished by the next run). */
  void open(String grantId, String batchId, Caller proposer, Instant at);

  /** OPEN → AWAITING_ATTESTATION with its orders' count and total, the skipped recipients, the proposal and its audit entry. */
  boolean propose(PayoutBatch open, int orders, long total, List<PayoutBatch.Skipped> skipped, Instant at);

  /** AWAITING_ATTESTATION → APPROVED, unless the approver proposed it (the condition is in the database too). */
  Outcome approve(PayoutBatch batch, Caller attestant, String approvalId, Instant at);

  /** AWAITING_ATTESTATION → REJECTED, unless the rejecter proposed it. */
  Outcome reject(PayoutBatch batch, Caller attestant, String reason, Instant at);

  /** REJECTED → RETURNED, once every order is returned. */
  void returned(PayoutBatch batch, Instant at);

  /** APPROVED → CLOSED: the closing message is on the queue. */
  void close(String grantId, String batchId, int orders, long total);

  /** A batch that recorded no orders. */
  void drop(String grantId, String batchId);

  Optional<PayoutBatch> find(String grantId, String batchId);

  List<PayoutBatch> all(String grantId);

  List<PayoutBatch> inState(String grantId, PayoutBatch.State state);
}
