package se.bidrag.requisition;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.access.Access;
import se.bidrag.allocation.AllocationStore;
import se.bidrag.audit.AuditEntry;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.json.Json;

/**
 * The requisition rules. One requisition per recipient and grant, submitted by the organisation's
 * ombud or an invited representant; amended or withdrawn (with the current version) until the
 * deadline or until it is paid, whichever comes first; never more than the allocation; every
 * change audited; retries (same Idempotency-Key, or the same plan re-sent) change nothing.
 */
public final class RequisitionService {
  private final GrantCatalog catalog;
  private final AllocationStore allocations;
  private final RequisitionStore store;
  private final Access access;
  private final Clock clock;
  private final se.bidrag.metrics.BusinessMetrics metrics;

  public RequisitionService(GrantCatalog catalog, AllocationStore allocations, RequisitionStore store,
      Access access, Clock clock, se.bidrag.metrics.BusinessMetrics metrics) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.allocations = allocations;
    this.store = store;
    this.access = access;
    this.clock = clock;
  }

  /**
   * The grant and the recipient's published allocation a request is about, with what the request needs
   * besides, read in the same call: the requisition, the caller's registration, the stored response to
   * the request's Idempotency-Key ({@code key}).
   */
  public record Subject(GrantDefinition grant, AllocationStore.StoredAllocation allocation,
      RequisitionStore.Snapshot snapshot, String key, Access access) {}

  /** What a request led to: the HTTP status it deserves and the body (kept for idempotent replays). */
  public record Outcome(int status, Requisition requisition, String body) {}

  /**
   * Reads the subject of a request by {@code caller} (one read: grant, allocation, requisition, the caller's
   * registration and {@code key}'s stored response); 404 for an unknown grant or recipient, or an allocation
   * not yet published.
   */
  public Subject subject(String grantId, String recipientId, Caller caller, String key) {
    GrantDefinition grant = catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    boolean agency = Access.isAgency(caller);
    String orgnr = agency ? null : caller.orgnr();
    String subject = agency ? null : caller.subject();
    RequisitionStore.Snapshot snap = store.read(grantId, recipientId, orgnr, subject, key);
    snap.grant().filter(AllocationStore.PublishedGrant::isPublished).orElseThrow(
        () -> Refusal.notFound("grantId", "the allocation of " + grantId + " is not published; requisitions are not open"));
    AllocationStore.StoredAllocation allocation = snap.allocation().orElseThrow(
        () -> Refusal.notFound("recipientId", "grant " + grantId + " has no recipient " + recipientId));
    return new Subject(grant, allocation, snap, key,
        orgnr == null || subject == null ? access : access.withKnown(orgnr, subject, snap.ombud(), snap.delegate()));
  }

  public void requireMaySubmit(Subject s, Caller caller) {
    s.access().requireMaySubmit(caller, s.allocation().orgnr());
  }

  /** Submits or amends. {@code ifMatch} is the version the client amends (required once a requisition exists). */
  public Outcome submit(Subject s, Caller caller, RequisitionForm form, Long ifMatch, String idempotencyKey,
      String requestHash) {
    try {
      return submitting(s, caller, form, ifMatch, idempotencyKey, requestHash);
    } catch (Refusal refused) {
      metrics.count(se.bidrag.metrics.Metric.REQUISITIONS_REFUSED, s.grant().id(), 1);
      throw refused;
    }
  }

  private Outcome submitting(Subject s, Caller caller, RequisitionForm form, Long ifMatch, String idempotencyKey,
      String requestHash) {
    Optional<Outcome> replay = replay(s, idempotencyKey, requestHash);
    if (replay.isPresent()) {
      return replay.get();
    }
    requireOpen(s.grant());
    validate(s, form);
    for (int attempt = 0; ; attempt++) {
      Optional<Requisition> current = attempt == 0 ? s.snapshot().requisition()
          : store.find(s.grant().id(), s.allocation().recipientId());
      if (current.isPresent()) {
        Requisition c = current.get();
        if (c.status().locked()) {
          throw paid(c);
        }
        if (c.status() == RequisitionStatus.ACCEPTED && c.form().equals(form)) {
          return unchanged(c); // the same plan re-sent: the first result, nothing changes
        }
        requireVersion(ifMatch, c);
      } else if (ifMatch != null) {
        throw Refusal.preconditionFailed("there is no requisition to amend (If-Match " + ifMatch + ")");
      }
      Requisition before = current.orElse(null);
      Instant now = clock.instant();
      Map<String, Long> split = PotSplit.split(form.amount(), s.allocation().pots());
      Requisition after = new Requisition(s.grant().id(), s.allocation().recipientId(), s.allocation().orgnr(),
          s.allocation().kind(), s.allocation().name(), s.allocation().total(), RequisitionStatus.ACCEPTED,
          before == null ? 1 : before.version() + 1, form, split, before == null ? now : before.submittedAt(), now,
          caller.describe(), null);
      String action = before == null ? "requisition.submitted"
          : before.status() == RequisitionStatus.WITHDRAWN ? "requisition.resubmitted" : "requisition.amended";
      Optional<Outcome> done = tryWrite(s, caller, before, after, action, before == null ? 201 : 200, idempotencyKey,
          requestHash, ifMatch != null || attempt > 0);
      if (done.isPresent()) {
        metrics.count(se.bidrag.metrics.Metric.REQUISITIONS_ACCEPTED, s.grant().id(), 1);
        return done.get();
      }
    }
  }

  /** Withdraws (on the same terms as amending); withdrawing a withdrawn requisition changes nothing. */
  public Outcome withdraw(Subject s, Caller caller, Long ifMatch, String idempotencyKey, String requestHash) {
    Optional<Outcome> replay = replay(s, idempotencyKey, requestHash);
    if (replay.isPresent()) {
      return replay.get();
    }
    requireOpen(s.grant());
    for (int attempt = 0; ; attempt++) {
      Requisition c = (attempt == 0 ? s.snapshot().requisition()
          : store.find(s.grant().id(), s.allocation().recipientId())).orElseThrow(
          () -> Refusal.notFound("recipientId", s.allocation().recipientId() + " has no requisition to withdraw"));
      if (c.status().locked()) {
        throw paid(c);
      }
      if (c.status() == RequisitionStatus.WITHDRAWN) {
        return unchanged(c);
      }
      requireVersion(ifMatch, c);
      Instant now = clock.instant();
      Requisition after = new Requisition(c.grantId(), c.recipientId(), c.orgnr(), c.kind(), c.name(), c.allocation(),
          RequisitionStatus.WITHDRAWN, c.version() + 1, c.form().withAmount(0), PotSplit.zero(c.pots()),
          c.submittedAt(), now, caller.describe(), null);
      Optional<Outcome> done = tryWrite(s, caller, c, after, "requisition.withdrawn", 200, idempotencyKey, requestHash,
          true);
      if (done.isPresent()) {
        return done.get();
      }
    }
  }

  public Requisition get(Subject s, Caller caller) {
    s.access().requireMayRead(caller, s.allocation().orgnr());
    return s.snapshot().requisition().orElseThrow(
        () -> Refusal.notFound("recipientId", s.allocation().recipientId() + " has not requisitioned " + s.grant().id()));
  }

  /** Every requisition of a grant with its totals (the agency's view). */
  public record Overview(GrantDefinition grant, List<Requisition> requisitions, Map<String, Long> requisitionedPerPot,
      Map<String, Long> potCounters, long total, Map<RequisitionStatus, Integer> counts, int recipients) {

    /** Recipients without a requisition. */
    public int notRequisitioned() {
      return recipients - requisitions.size();
    }
  }

  public Overview overview(String grantId, Caller caller) {
    Access.requireAgency(caller, "the list of all requisitions");
    GrantDefinition grant = catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    List<Requisition> all = store.all(grantId);
    Map<String, Long> perPot = new LinkedHashMap<>();
    grant.pots().forEach(p -> perPot.put(p.id(), 0L));
    Map<RequisitionStatus, Integer> counts = new LinkedHashMap<>();
    for (RequisitionStatus st : RequisitionStatus.values()) {
      counts.put(st, 0);
    }
    long total = 0;
    for (Requisition r : all) {
      counts.merge(r.status(), 1, Integer::sum);
      if (r.status() != RequisitionStatus.WITHDRAWN) {
        total += r.amount();
        r.pots().forEach((p, a) -> perPot.merge(p, a, Long::sum));
      }
    }
    int recipients = allocations.allocations(grantId).size();
    return new Overview(grant, all, perPot, store.requisitionedPerPot(grantId), total, counts, recipients);
  }

  /** The stored response to {@code key}: as read with the subject, or read now ({@code again}: after a conflict). */
  private Optional<Outcome> replay(Subject s, String key, String requestHash) {
    return replay(s, key, requestHash, false);
  }

  private Optional<Outcome> replay(Subject s, String key, String requestHash, boolean again) {
    if (key == null) {
      return Optional.empty();
    }
    Optional<RequisitionStore.StoredResponse> stored = !again && key.equals(s.key()) ? s.snapshot().stored()
        : store.idempotent(s.grant().id(), s.allocation().recipientId(), key);
    return stored.map(r -> {
      if (!r.requestHash().equals(requestHash)) {
        throw new Refusal(Refusal.Kind.IDEMPOTENCY_MISMATCH, "idempotency-key-reused",
            "Idempotency-Key '" + key + "' was used for a different request; use a new key for a new request",
            List.of(new Refusal.FieldError("Idempotency-Key", "was used for a different request")));
      }
      return new Outcome(r.status(), null, r.body());
    });
  }

  /** Writes; empty when the requisition changed meanwhile and the caller should look again. */
  private Optional<Outcome> tryWrite(Subject s, Caller caller, Requisition before, Requisition after, String action,
      int status, String key, String requestHash, boolean versionWasPinned) {
    String body = Json.write(RequisitionJson.json(after));
    Map<String, Long> deltas = new LinkedHashMap<>();
    after.pots().forEach((p, a) -> deltas.put(p, a - (before == null ? 0 : before.pots().getOrDefault(p, 0L))));
    Map<String, Long> potAmounts = new LinkedHashMap<>();
    s.grant().pots().forEach(p -> potAmounts.put(p.id(), p.amount()));
    AuditEntry audit = new AuditEntry(s.grant().id(), "requisition/" + s.grant().id() + "/" + after.recipientId(),
        after.version(), after.updatedAt(), caller, action,
        before == null ? null : RequisitionJson.json(before), RequisitionJson.json(after));
    try {
      store.write(new RequisitionStore.Change(before, after, deltas, potAmounts, audit, key,
          key == null ? null : new RequisitionStore.StoredResponse(requestHash, status, body)));
      return Optional.of(new Outcome(status, after, body));
    } catch (RequisitionStore.Conflict c) {
      switch (c.reason()) {
        case REQUISITION_CHANGED -> {
          if (versionWasPinned) {
            throw Refusal.preconditionFailed("the requisition was changed meanwhile; read it again and amend with "
                + "If-Match set to its current version");
          }
          return Optional.empty(); // created concurrently: look again (then same plan → first result, else 412)
        }
        case IDEMPOTENCY_KEY_TAKEN -> {
          return replay(s, key, requestHash, true).or(() -> {
            throw Refusal.conflict("concurrent-request", "a request with this Idempotency-Key is in progress");
          });
        }
        default -> throw Refusal.conflict("pot-exhausted", c.getMessage());
      }
    }
  }

  private Outcome unchanged(Requisition c) {
    return new Outcome(200, c, Json.write(RequisitionJson.json(c)));
  }

  private void requireOpen(GrantDefinition grant) {
    Instant now = clock.instant();
    if (!grant.requisitionOpenAt(now)) {
      ZonedDateTime closed = grant.requisitionClosesAt().atZone(grant.timeZone());
      throw Refusal.conflict("deadline-passed", "requisitions for " + grant.id() + " closed at the end of "
          + grant.requisitionDeadline() + " (" + closed.toOffsetDateTime() + ", " + grant.timeZone() + "); nothing was changed");
    }
  }

  private static void requireVersion(Long ifMatch, Requisition c) {
    if (ifMatch == null) {
      throw Refusal.preconditionFailed("a requisition exists (version " + c.version() + "); amend or withdraw it with "
          + "If-Match: \"" + c.version() + "\"");
    }
    if (ifMatch != c.version()) {
      throw Refusal.preconditionFailed("If-Match " + ifMatch + " is not the current version " + c.version()
          + "; read the requisition again");
    }
  }

  private static Refusal paid(Requisition c) {
    if (c.status() == RequisitionStatus.AWAITING_ATTESTATION) {
      return Refusal.conflict("requisition-awaiting-attestation", "the requisition of " + c.recipientId()
          + " is in a payout batch awaiting attestation and can no longer be amended or withdrawn");
    }
    return Refusal.conflict("requisition-paid", "the requisition of " + c.recipientId() + " was paid on " + c.paidAt()
        + " and can no longer be amended or withdrawn");
  }

  /** The grant's rules for the plan, against the recipient's allocation. */
  private static void validate(Subject s, RequisitionForm form) {
    List<Refusal.FieldError> errors = new ArrayList<>();
    long allocation = s.allocation().total();
    if (form.amount() < 1) {
      errors.add(new Refusal.FieldError("amount", "must be at least 1 krona, not " + form.amount()));
    } else if (form.amount() > allocation) {
      errors.add(new Refusal.FieldError("amount", form.amount() + " kr is more than the allocation of "
          + s.allocation().recipientId() + ", " + allocation + " kr"));
    }
    for (int area : form.areas()) {
      Optional<GrantDefinition.Area> a = s.grant().area(area);
      if (a.isEmpty()) {
        errors.add(new Refusal.FieldError("areas", "area " + area + " is not one of the grant's areas 1–"
            + s.grant().areas().size()));
      } else if (!a.get().requiresAllocationFrom().isEmpty() && a.get().requiresAllocationFrom().stream()
          .noneMatch(p -> s.allocation().pots().getOrDefault(p, 0L) > 0)) {
        errors.add(new Refusal.FieldError("areas", "area " + area + " (" + a.get().title() + ") is only for recipients "
            + "with an allocation from " + String.join(" or ", a.get().requiresAllocationFrom()) + "; "
            + s.allocation().recipientId() + " has none"));
      }
    }
    if (!errors.isEmpty()) {
      throw Refusal.invalid(errors);
    }
  }

}
