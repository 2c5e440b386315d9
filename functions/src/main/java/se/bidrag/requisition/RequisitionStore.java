package se.bidrag.requisition;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Registrations;
import se.bidrag.allocation.AllocationStore;
import se.bidrag.audit.AuditEntry;

/** Where requisitions live; every change is one atomic write of the invariants it touches. */
public interface RequisitionStore {

  Optional<Requisition> find(String grantId, String recipientId);

  List<Requisition> all(String grantId);

  /** How much of each pot is requisitioned, per the pot counters the writes keep. */
  Map<String, Long> requisitionedPerPot(String grantId);

  /** A stored response to a request made with an Idempotency-Key. */
  record StoredResponse(String requestHash, int status, String body) {}

  Optional<StoredResponse> idempotent(String grantId, String recipientId, String key);

  /** Everything one request about a recipient's requisition needs, read at once. */
  record Snapshot(Optional<AllocationStore.PublishedGrant> grant, Optional<AllocationStore.StoredAllocation> allocation,
      Optional<Registrations.Ombud> ombud, Optional<Registrations.Delegate> delegate, Optional<Requisition> requisition,
      Optional<StoredResponse> stored) {}

  /**
   * In one read: the grant's published state, the recipient's allocation and requisition, with
   * {@code orgnr} the organisation's ombud and {@code subject}'s delegate record, with {@code key} the
   * stored response to that Idempotency-Key.
   */
  Snapshot read(String grantId, String recipientId, String orgnr, String subject, String key);

  /**
   * One change: the requisition moves from {@code before} (null: none yet) to {@code after}, the
   * pot counters move by {@code potDeltas} without passing {@code potAmounts}, the audit entry is
   * recorded and, with a key, the response is kept for retries. All or nothing.
   */
  record Change(Requisition before, Requisition after, Map<String, Long> potDeltas, Map<String, Long> potAmounts,
      AuditEntry audit, String idempotencyKey, StoredResponse response) {}

  /** Writes the change; throws {@link Conflict} when a condition fails (nothing written). */
  void write(Change change);

  /** Which condition failed. */
  final class Conflict extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The requisition is not what the change was based on; the pot would pass its amount; the key is taken. */
    public enum Reason { REQUISITION_CHANGED, POT_EXHAUSTED, IDEMPOTENCY_KEY_TAKEN }

    private final Reason reason;

    public Conflict(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }
}
