package se.bidrag.payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.redistribution.RedistributionStore;
import se.bidrag.requisition.Requisition;

/**
 * Payment orders. Proposing an order and locking what it pays (the requisition, the share: "awaiting
 * attestation") are one transaction; so are releasing it after the batch's approval (the order
 * PENDING, what it pays PAID) and returning it after a rejection (the order gone, what it pays back to
 * "not paid"). Putting a released order on the queue comes after (a transactional outbox): an order
 * still PENDING is sent by whoever finishes the batch's release.
 */
public interface PayoutStore {

  /** Locks the accepted requisition in the batch and records its order; empty if it changed (or was proposed) meanwhile. */
  Optional<PaymentOrder> proposeRequisition(Requisition accepted, String bankgiro, String batchId, Caller proposer,
      Instant at);

  /** Locks the unpaid share in the batch and records its order; empty if it was proposed meanwhile. */
  Optional<PaymentOrder> proposeShare(RedistributionStore.Share share, String bankgiro, String batchId, Caller proposer,
      Instant at);

  /** Releases an order of an approved batch: PENDING, and what it pays is paid; false if it was released already. */
  boolean release(PaymentOrder order, Caller approver, Instant at);

  /** Returns an order of a rejected batch: the order is removed and what it pays is unpaid again; false if it was already. */
  boolean giveBack(PaymentOrder order, Caller rejecter, Instant at);

  void markSent(PaymentOrder order);

  /** The orders of a batch. */
  List<PaymentOrder> ofRun(String grantId, String runId);

  List<PaymentOrder> all(String grantId);

  /** One page of a grant's orders in order-id order; {@code next} is the last one's id when more follow, else null. */
  record Page(List<PaymentOrder> orders, String next) {}

  /** Up to {@code limit} of the grant's orders whose ids follow {@code after} (null: from the first). */
  Page page(String grantId, String after, int limit);

  /**
   * The recipient's orders (at most one per kind: an order's id is fixed by what it pays), read by their keys
   * instead of the grant's every order: what a report form or an invoice for one recipient needs.
   */
  List<PaymentOrder> ofRecipient(String grantId, String recipientId);
}
