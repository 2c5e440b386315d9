package se.bidrag.payout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.account.Bankgiro;
import se.bidrag.account.PayoutAccount;
import se.bidrag.account.PayoutAccounts;
import se.bidrag.attest.Proposal;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.redistribution.RedistributionStore;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStatus;
import se.bidrag.requisition.RequisitionStore;

/**
 * Payouts under four eyes. The daily run (or a handläggare) prepares a batch: every accepted, unpaid
 * requisition and, once the redistribution is recorded, every unpaid redistributed share of an
 * organisation with an approved payout account becomes one payment order, proposed together with
 * the lock on what it pays (one transaction each); the batch then awaits attestation, and nothing
 * reaches the bank. An attestant who is not the proposer approves it — then its orders are released,
 * put on the FIFO queue and the batch closed, so the consumer writes its one payment file — or
 * rejects it, and its orders are returned: what they would have paid is unpaid again, and a later run
 * proposes it anew. Recipients without an approved account are left out, listed, and their ombud
 * reminded; a later run pays them once their account is approved.
 *
 * <p>A grant of 10 000 recipients is 10 000 orders: the run decides what to propose on one thread (the accounts,
 * the skipped list), then proposes the orders side by side ({@link Fanout}, {@value Fanout#THREADS} at a time,
 * each still its own conditional transaction) and proposes the batch only once every proposal has ended; a
 * release writes, sends and marks the orders the same way, and sends the closing message only after all of them.
 *
 * <p>Nothing is lost when a step dies: an approved batch whose release died is finished by the next
 * run (or by the approver asking again) once it is older than any invocation can live; a rejected
 * batch's orders are returned by the next run; a batch that died while being prepared is proposed as
 * far as it got.
 */
public final class PayoutService {
  /** How long a release may live: older and unfinished, it has died (Lambda stops any invocation after 15 minutes). */
  public static final Duration RUN_LEASE = Duration.ofMinutes(15);

  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final GrantCatalog catalog;
  private final RequisitionStore requisitions;
  private final RedistributionStore redistribution;
  private final PayoutStore store;
  private final PayoutBatches batches;
  private final PaymentQueue queue;
  private final PayoutAccounts accounts;
  private final AccountReminders reminders;
  private final Clock clock;
  private final se.bidrag.metrics.BusinessMetrics metrics;

  public PayoutService(GrantCatalog catalog, RequisitionStore requisitions, RedistributionStore redistribution,
      PayoutStore store, PayoutBatches batches, PaymentQueue queue, PayoutAccounts accounts, AccountReminders reminders,
      Clock clock, se.bidrag.metrics.BusinessMetrics metrics) {
    this.catalog = catalog;
    this.requisitions = requisitions;
    this.redistribution = redistribution;
    this.store = store;
    this.batches = batches;
    this.queue = queue;
    this.accounts = accounts;
    this.reminders = reminders;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** What one run did: the batch it proposed (null: nothing to pay), what it finished of earlier batches. */
  public record Run(String runId, int resent, int ordered, long orderedTotal, int skipped, int returned) {}

  /** What a decision led to: the batch, and whether this call decided it (false: a replay). */
  public record Decided(PayoutBatch batch, boolean decided, int orders) {}

  private GrantDefinition grant(String grantId) {
    return catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
  }

  private boolean dead(Instant since, Instant now) {
    return since != null && !since.isAfter(now.minus(RUN_LEASE));
  }

  public Run run(String grantId, Caller proposer) {
    GrantDefinition grant = grant(grantId);
    Instant now = clock.instant();
    int resent = 0;
    int returned = 0;
    for (PayoutBatch b : batches.inState(grantId, PayoutBatch.State.APPROVED)) {
      if (dead(b.approval().at(), now)) {
        resent += release(b, Caller.described(b.approval().approver()));
      }
    }
    for (PayoutBatch b : batches.inState(grantId, PayoutBatch.State.REJECTED)) {
      returned += giveBack(b, Caller.described(b.rejection().rejecter()));
    }
    for (PayoutBatch b : batches.inState(grantId, PayoutBatch.State.OPEN)) {
      if (dead(b.openedAt(), now)) {
        propose(b, List.of(), now);
      }
    }

    String batchId = RUN_ID.format(now.atZone(ZoneId.of("Europe/Stockholm"))) + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000), 16);
    batches.open(grantId, batchId, proposer, now);
    Map<String, Optional<Bankgiro>> approved = new HashMap<>();
    List<PayoutBatch.Skipped> skipped = new ArrayList<>();
    Map<String, String> registry = new LinkedHashMap<>();
    List<Runnable> proposals = new ArrayList<>(); // decided here, on this thread; only the writes run side by side
    for (Requisition r : requisitions.all(grantId)) {
      if (r.status() != RequisitionStatus.ACCEPTED) {
        continue;
      }
      registry.putIfAbsent(r.orgnr(), r.form().registryEmail());
      Optional<Bankgiro> bg = approved.computeIfAbsent(r.orgnr(), this::approvedAccount);
      if (bg.isEmpty()) {
        skipped.add(new PayoutBatch.Skipped(r.recipientId(), r.orgnr(), r.name(),
            PaymentOrder.id(PaymentOrder.Kind.REQUISITION, r.recipientId()), r.amount()));
        continue;
      }
      proposals.add(() -> store.proposeRequisition(r, bg.get().digits(), batchId, proposer, now)); // empty: changed meanwhile
    }
    if (redistribution.find(grantId).filter(RedistributionStore.Recorded::done).isPresent()) {
      for (RedistributionStore.Share s : redistribution.unpaidShares(grantId)) {
        Optional<Bankgiro> bg = approved.computeIfAbsent(s.orgnr(), this::approvedAccount);
        if (bg.isEmpty()) {
          skipped.add(new PayoutBatch.Skipped(s.recipientId(), s.orgnr(), s.name(),
              PaymentOrder.id(PaymentOrder.Kind.REDISTRIBUTION, s.recipientId()), s.total()));
          continue;
        }
        proposals.add(() -> store.proposeShare(s, bg.get().digits(), batchId, proposer, now));
      }
    }
    Fanout.run(proposals); // each its own transaction; returns once all ended, throws (batch left open) if one failed
    if (!skipped.isEmpty()) {
      reminders.remind(grant, skipped, registry);
    }
    PayoutBatch open = batches.find(grantId, batchId).orElseThrow();
    propose(open, skipped, now);
    List<PaymentOrder> proposed = store.ofRun(grantId, batchId);
    return new Run(proposed.isEmpty() ? null : batchId, resent, proposed.size(),
        proposed.stream().mapToLong(PaymentOrder::amount).sum(), skipped.size(), returned);
  }

  private Optional<Bankgiro> approvedAccount(String orgnr) {
    return accounts.find(orgnr).filter(PayoutAccount::hasApproved).map(PayoutAccount::approved);
  }

  /** Proposes the batch with the orders it holds (read back: an order whose answer was lost is in it too). */
  private void propose(PayoutBatch open, List<PayoutBatch.Skipped> skipped, Instant now) {
    List<PaymentOrder> orders = store.ofRun(open.grantId(), open.batchId());
    if (orders.isEmpty()) {
      batches.drop(open.grantId(), open.batchId()); // died before recording anything: nothing to propose
      return;
    }
    batches.propose(open, orders.size(), orders.stream().mapToLong(PaymentOrder::amount).sum(), skipped, now);
  }

  /** Recipients with something to be paid and no approved payout account: they are not paid until they have one. */
  public List<PayoutBatch.Skipped> withoutAccount(String grantId) {
    Map<String, Optional<Bankgiro>> approved = new HashMap<>();
    List<PayoutBatch.Skipped> out = new ArrayList<>();
    for (Requisition r : requisitions.all(grantId)) {
      if (r.status() == RequisitionStatus.ACCEPTED && approved.computeIfAbsent(r.orgnr(), this::approvedAccount).isEmpty()) {
        out.add(new PayoutBatch.Skipped(r.recipientId(), r.orgnr(), r.name(), PaymentOrder.id(PaymentOrder.Kind.REQUISITION,
            r.recipientId()), r.amount()));
      }
    }
    if (redistribution.find(grantId).filter(RedistributionStore.Recorded::done).isPresent()) {
      for (RedistributionStore.Share s : redistribution.unpaidShares(grantId)) {
        if (approved.computeIfAbsent(s.orgnr(), this::approvedAccount).isEmpty()) {
          out.add(new PayoutBatch.Skipped(s.recipientId(), s.orgnr(), s.name(), PaymentOrder.id(PaymentOrder.Kind.REDISTRIBUTION,
              s.recipientId()), s.total()));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- attestation

  private PayoutBatch batch(String grantId, String batchId) {
    grant(grantId);
    return batches.find(grantId, batchId).orElseThrow(() -> Refusal.notFound("batchId", "no payout batch " + batchId));
  }

  /** An attestant who did not propose the batch approves it: its orders are released and its payment file follows. */
  public Decided approve(String grantId, String batchId, Caller attestant) {
    PayoutBatch b = batch(grantId, batchId);
    if (b.state() == PayoutBatch.State.AWAITING_ATTESTATION) {
      Access.requireMayDecide(attestant, b.proposedBy());
      Instant now = clock.instant();
      String approvalId = Proposal.newApprovalId(now);
      PayoutBatches.Outcome outcome = batches.approve(b, attestant, approvalId, now);
      b = batch(grantId, batchId);
      if (outcome == PayoutBatches.Outcome.DONE || b.approval() != null && b.approval().approvalId().equals(approvalId)) {
        int orders = release(b, attestant); // approved now (also when the answer to the approval was lost)
        if (outcome == PayoutBatches.Outcome.DONE) {
          metrics.count(se.bidrag.metrics.Metric.APPROVALS, grantId, 1);
        }
        return new Decided(batches.find(grantId, batchId).orElseThrow(), true, orders);
      }
      // decided meanwhile: by this attestant (an earlier call) or by another
    }
    if (b.approval() != null && b.approval().approvedBy().equals(attestant.subject())) {
      if (b.state() == PayoutBatch.State.APPROVED && dead(b.approval().at(), clock.instant())) {
        release(b, attestant);
      }
      return new Decided(batches.find(grantId, batchId).orElseThrow(), false, b.orders());
    }
    throw notAwaiting(b);
  }

  /** An attestant who did not propose the batch rejects it: its orders are returned, no money moves. */
  public Decided reject(String grantId, String batchId, Caller attestant, String reason) {
    PayoutBatch b = batch(grantId, batchId);
    if (b.state() == PayoutBatch.State.AWAITING_ATTESTATION) {
      Access.requireMayDecide(attestant, b.proposedBy());
      if (batches.reject(b, attestant, reason, clock.instant()) == PayoutBatches.Outcome.DONE) {
        int returned = giveBack(batches.find(grantId, batchId).orElseThrow(), attestant);
        return new Decided(batches.find(grantId, batchId).orElseThrow(), true, returned);
      }
      b = batch(grantId, batchId);
    }
    if (b.rejection() != null && b.rejection().rejectedBy().equals(attestant.subject())) {
      if (b.state() == PayoutBatch.State.REJECTED) {
        giveBack(b, attestant);
      }
      return new Decided(batches.find(grantId, batchId).orElseThrow(), false, b.orders());
    }
    throw notAwaiting(b);
  }

  private static Refusal notAwaiting(PayoutBatch b) {
    String state = switch (b.state()) {
      case OPEN -> "is still being prepared";
      case REJECTED, RETURNED -> "was rejected";
      default -> "was approved";
    };
    return Refusal.conflict("batch-not-awaiting-attestation", "payout batch " + b.batchId() + " " + state
        + "; only a batch awaiting attestation is approved or rejected");
  }

  /**
   * Releases the approved batch's orders, puts the released ones on the queue and closes the batch; how
   * many were sent now. The orders are read from the table itself (strongly consistent), never from an
   * index, and the batch is closed only when every order is released and sent: the closing message then
   * follows all of them in the batch's message group.
   */
  private int release(PayoutBatch b, Caller approver) {
    Instant now = clock.instant();
    Fanout.run(store.ofRun(b.grantId(), b.batchId()).stream()
        .filter(o -> o.status() == PaymentOrder.Status.AWAITING_ATTESTATION)
        .map(o -> (Runnable) () -> store.release(o, approver, now)).toList());
    AtomicInteger sent = new AtomicInteger();
    Fanout.run(store.ofRun(b.grantId(), b.batchId()).stream()
        .filter(o -> o.status() == PaymentOrder.Status.PENDING)
        .map(o -> (Runnable) () -> {
          queue.send(o); // the orders' order within the batch's message group does not matter; the closing message's does
          store.markSent(o);
          sent.incrementAndGet();
        }).toList());
    List<PaymentOrder> orders = store.ofRun(b.grantId(), b.batchId());
    for (PaymentOrder o : orders) {
      if (o.status() == PaymentOrder.Status.AWAITING_ATTESTATION || o.status() == PaymentOrder.Status.PENDING) {
        throw new IllegalStateException("order " + o.orderId() + " of batch " + b.batchId() + " is still "
            + o.status().code() + "; the batch is finished by the next run");
      }
    }
    long total = orders.stream().mapToLong(PaymentOrder::amount).sum();
    queue.close(b.grantId(), b.batchId(), orders.size(), total);
    batches.close(b.grantId(), b.batchId(), orders.size(), total);
    return sent.get();
  }

  /** Returns the rejected batch's orders and marks it returned; how many were returned now. */
  private int giveBack(PayoutBatch b, Caller rejecter) {
    Instant now = clock.instant();
    AtomicInteger returned = new AtomicInteger();
    Fanout.run(store.ofRun(b.grantId(), b.batchId()).stream().map(o -> (Runnable) () -> {
      if (store.giveBack(o, rejecter, now)) {
        returned.incrementAndGet();
      }
    }).toList());
    if (store.ofRun(b.grantId(), b.batchId()).isEmpty()) {
      batches.returned(b, now);
    }
    return returned.get();
  }
}
