package se.bidrag.audittrail;

import java.time.Instant;
import se.bidrag.allocation.AllocationStore;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;

/**
 * A grant's audit trail for the agency: every entry, in time order, or one recipient's history (its
 * own entries and its organisation's: ombud, delegates, payout account) in one call, a page at a time.
 */
public final class AuditTrailService {
  /** Entries per page unless the caller asks for fewer or more. */
  public static final int DEFAULT_LIMIT = 200;
  /** The most entries one page holds. */
  public static final int MAX_LIMIT = 1000;

  private final GrantCatalog catalog;
  private final AllocationStore allocations;
  private final AuditTrail trail;

  public AuditTrailService(GrantCatalog catalog, AllocationStore allocations, AuditTrail trail) {
    this.catalog = catalog;
    this.allocations = allocations;
    this.trail = trail;
  }

  /** What the agency asks for (filters may be null). */
  public record Filter(String recipientId, String entity, String actor, Instant from, Instant to, String after,
      int limit) {}

  public AuditTrail.Page read(String grantId, Filter f) {
    catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    String orgnr = null;
    if (f.recipientId() != null) {
      orgnr = allocations.allocation(grantId, f.recipientId()).map(AllocationStore.StoredAllocation::orgnr)
          .orElseThrow(() -> Refusal.notFound("recipient", "no recipient " + f.recipientId() + " in " + grantId));
    }
    if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
      throw Refusal.invalid("from", "is after to");
    }
    return trail.page(new AuditTrail.Query(grantId, f.recipientId(), orgnr, f.entity(), f.actor(), f.from(), f.to(),
        f.after(), f.limit()));
  }
}
