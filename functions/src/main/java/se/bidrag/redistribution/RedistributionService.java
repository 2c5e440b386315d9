package se.bidrag.redistribution;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationService;
import se.bidrag.allocation.AllocationStore;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.json.Json;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailOutbox;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStore;

/**
 * Decides and records the redistribution once the requisition deadline has passed; each recipient
 * that gets a share is told by e-mail (to the registry mailbox named in its requisition).
 */
public final class RedistributionService {
  private final GrantCatalog catalog;
  private final AllocationService allocations;
  private final AllocationStore published;
  private final RequisitionStore requisitions;
  private final RedistributionStore store;
  private final EmailOutbox outbox;
  private final Clock clock;

  public RedistributionService(GrantCatalog catalog, AllocationService allocations, AllocationStore published,
      RequisitionStore requisitions, RedistributionStore store, EmailOutbox outbox, Clock clock) {
    this.catalog = catalog;
    this.allocations = allocations;
    this.published = published;
    this.requisitions = requisitions;
    this.store = store;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The decision as it would be now, written nowhere. */
  public Redistribution.Decision preview(String grantId) {
    return decide(grant(grantId)).decision();
  }

  /** What a run did: recorded the decision now, or found it recorded; the decision is read only when asked for. */
  public record Run(RedistributionStore.Outcome outcome, java.util.function.Supplier<String> decision) {
    public String decisionJson() {
      return decision.get();
    }
  }

  /** Records the decision; refused before the deadline; a second or concurrent run changes nothing. */
  public Run run(String grantId, Caller by) {
    GrantDefinition grant = grant(grantId);
    Instant now = clock.instant();
    if (grant.requisitionOpenAt(now)) {
      throw Refusal.conflict("before-deadline", "the redistribution of " + grantId + " runs after the requisition "
          + "deadline (" + grant.requisitionClosesAt() + "); it is " + now);
    }
    Optional<RedistributionStore.Recorded> recorded = store.find(grantId);
    if (recorded.isPresent() && recorded.get().done()) { // the daily run after it: one read, the decision unread
      return new Run(RedistributionStore.Outcome.ALREADY_RECORDED, () -> store.decision(grantId).orElseThrow().json());
    }
    Decided d = decide(grant);
    String json = Json.write(RedistributionJson.decision(d.decision()));
    RedistributionStore.Outcome o = store.record(d.decision(), hash(json), now, by,
        () -> outbox.enqueue(notices(grant, d.decision())));
    return new Run(o, () -> json); // recorded now or by a concurrent run: the same hash, so the same decision
  }

  /** The recorded decision; 404 until the redistribution has run. */
  public RedistributionStore.RecordedDecision decided(String grantId) {
    grant(grantId);
    return store.decision(grantId).orElseThrow(
        () -> Refusal.notFound("grantId", "the redistribution of " + grantId + " has not run"));
  }

  private record Decided(Redistribution.Decision decision, Map<String, Requisition> requisitions) {}

  private Decided decide(GrantDefinition grant) {
    AllocationStore.PublishedGrant p = published.grant(grant.id()).filter(AllocationStore.PublishedGrant::isPublished)
        .orElseThrow(() -> Refusal.conflict("not-published", "the allocation of " + grant.id() + " is not published"));
    Allocation allocation = allocations.compute(grant.id()).orElseThrow();
    if (!AllocationService.hash(allocation).equals(p.allocationHash())) {
      throw Refusal.conflict("allocation-changed", "the allocation computed from the current data differs from the "
          + "published one (" + p.allocationHash() + "); redistribution uses the published keys, so it is refused");
    }
    List<Requisition> all = requisitions.all(grant.id());
    Map<String, Requisition> byRecipient = new java.util.LinkedHashMap<>();
    all.forEach(r -> byRecipient.put(r.recipientId(), r));
    return new Decided(Redistribution.decide(grant, allocation, all), byRecipient);
  }

  /** One notice per recipient with a share, to the registry mailbox of its requisition. */
  List<EmailJob> notices(GrantDefinition grant, Redistribution.Decision decision) {
    Map<String, Requisition> byRecipient = new java.util.HashMap<>();
    requisitions.all(grant.id()).forEach(r -> byRecipient.put(r.recipientId(), r));
    List<EmailJob> jobs = new ArrayList<>();
    for (Redistribution.RecipientShare s : decision.shares()) {
      if (s.total() == 0) {
        continue;
      }
      Requisition r = byRecipient.get(s.recipientId());
      jobs.add(Notices.redistribution(grant, s, r.form().registryEmail(), r.amount()));
    }
    return jobs;
  }

  private GrantDefinition grant(String grantId) {
    return catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
  }

  static String hash(String json) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
