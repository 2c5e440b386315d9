package se.bidrag.allocation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.grant.RecipientKind;

/** Where published allocations live (DynamoDB on AWS and locally). */
public interface AllocationStore {

  /** How a publish call ended. */
  enum Outcome { PUBLISHED, ALREADY_PUBLISHED }

  /**
   * Publishes the allocation, idempotently: publishing the same figures again changes nothing;
   * publishing different figures for a grant that is published throws {@link AllocationConflictException}.
   */
  Outcome publish(Allocation allocation, String allocationHash, Instant at, Caller by);

  Optional<PublishedGrant> grant(String grantId);

  List<StoredAllocation> allocations(String grantId);

  Optional<StoredAllocation> allocation(String grantId, String recipientId);

  /** A grant's published state. */
  record PublishedGrant(String grantId, String state, String allocationHash, Instant publishedAt, String publishedBy,
      Map<String, String> attributes) {
    public boolean isPublished() {
      return !"PUBLISHING".equals(state);
    }
  }

  /**
   * One recipient's published allocation.
   *
   * @param json the recipient's allocation object as {@link AllocationJson#recipient} wrote it
   */
  record StoredAllocation(String grantId, String recipientId, RecipientKind kind, String code, String name,
      String orgnr, Map<String, Long> pots, long total, String json) {}
}
