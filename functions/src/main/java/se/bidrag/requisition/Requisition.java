package se.bidrag.requisition;

import java.time.Instant;
import java.util.Map;
import se.bidrag.grant.RecipientKind;

/**
 * One recipient's requisition of one grant, as stored (one per recipient and grant).
 *
 * @param version increases by one with every change; clients amend with If-Match: "version"
 * @param pots the amount split over the recipient's pots in proportion to its allocation
 * @param submittedAt when it was first submitted
 * @param updatedBy who made the latest change (orgnr/role/subject)
 */
public record Requisition(String grantId, String recipientId, String orgnr, RecipientKind kind, String name,
    long allocation, RequisitionStatus status, long version, RequisitionForm form, Map<String, Long> pots,
    Instant submittedAt, Instant updatedAt, String updatedBy, Instant paidAt) {

  public Requisition {
    pots = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(pots));
  }

  public long amount() {
    return form.amount();
  }
}
