package se.bidrag.audittrail;

import java.time.Instant;
import java.util.List;

/** The audit entries, read in time order. */
public interface AuditTrail {

  /**
   * One entry as stored.
   *
   * @param actorRoles the actor's role codes ({@code handlaggare+attestant})
   * @param before the state before, as JSON text ({@code null} for none)
   * @param position where the entry stands in the trail (time, entity, sequence); a page ends at one
   */
  record Entry(String grantId, String entity, long sequence, Instant at, String actorOrgnr, String actorRoles,
      String actorSubject, String action, String recipientId, String orgnr, String before, String after,
      String position) {}

  /**
   * What to read.
   *
   * @param recipientId only the recipient's entries, and those of its organisation ({@code recipientOrgnr}); null: all
   * @param entity only entries whose entity starts with this ({@code invoice/}, {@code requisition/g/kommun-0114}); null: all
   * @param actor only entries by this person (subject); null: all
   * @param from only entries at or after; null: from the first
   * @param to only entries at or before; null: to the last
   * @param after only entries after this position (the previous page's last); null: from the start
   */
  record Query(String grantId, String recipientId, String recipientOrgnr, String entity, String actor, Instant from,
      Instant to, String after, int limit) {}

  /** A page: the entries, and the position to continue after (null on the last page). */
  record Page(List<Entry> entries, String next) {}

  Page page(Query query);
}
