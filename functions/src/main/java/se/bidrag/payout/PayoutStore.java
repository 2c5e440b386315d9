package se.bidrag.payout;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.bidrag.redistribution.RedistributionStore;
import se.bidrag.requisition.Requisition;

/**
 * Payment orders, written as a transactional outbox: the paid state of what is paid and the order
 * that pays it are one transaction; putting the order on the queue comes after, and an order that
 * is still PENDING is sent again by the next run.
 */
public interface PayoutStore {

  /** Marks the accepted requisition paid and records its order; empty if it was paid (or changed) meanwhile. */
  Optional<PaymentOrder> payRequisition(Requisition accepted, String runId, Instant at);

  /** Marks the redistributed share paid and records its order; empty if it was paid meanwhile. */
  Optional<PaymentOrder> payShare(RedistributionStore.Share share, String runId, Instant at);

  /** Opens a run before it records orders (so a run that dies is found and finished by the next). */
  void openRun(String grantId, String runId, Instant at);

  /** Runs opened and not closed yet: live, or dead before their closing message. */
  List<OpenRun> openRuns(String grantId);

  /** A run that is open, and since when. */
  record OpenRun(String runId, Instant openedAt) {}

  /** The closing message is on the queue. */
  void closeRun(String grantId, String runId, int orders, long total);

  /** A run that created no orders. */
  void dropRun(String grantId, String runId);

  /** Orders recorded but not yet on the queue (a run died between the two). */
  List<PaymentOrder> pending(String grantId);

  void markSent(PaymentOrder order);

  /** How many orders a run created (for its closing message). */
  List<PaymentOrder> ofRun(String grantId, String runId);

  List<PaymentOrder> all(String grantId);
}
