package se.bidrag.payout;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.redistribution.RedistributionStore;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStatus;
import se.bidrag.requisition.RequisitionStore;

/**
 * The daily payout: every accepted, unpaid requisition and, once the redistribution is recorded,
 * every unpaid redistributed share becomes one payment order. Each order is recorded together with
 * the paid state (one transaction), then put on the FIFO queue and marked sent; a run that died in
 * between leaves PENDING orders, which the next run sends first. Orders cannot be duplicated (fixed
 * ids, conditional writes) and cannot be lost (nothing is marked paid without its order).
 */
public final class PayoutService {
  /**
   * How long a run may live: a run opened longer ago than this and still open has died (Lambda stops
   * any invocation after 15 minutes), and the next run finishes it.
   */
  public static final java.time.Duration RUN_LEASE = java.time.Duration.ofMinutes(15);

  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private final GrantCatalog catalog;
  private final RequisitionStore requisitions;
  private final RedistributionStore redistribution;
  private final PayoutStore store;
  private final PaymentQueue queue;
  private final Clock clock;

  public PayoutService(GrantCatalog catalog, RequisitionStore requisitions, RedistributionStore redistribution,
      PayoutStore store, PaymentQueue queue, Clock clock) {
    this.catalog = catalog;
    this.requisitions = requisitions;
    this.redistribution = redistribution;
    this.store = store;
    this.queue = queue;
    this.clock = clock;
  }

  /** What one run did. */
  public record Run(String runId, int resent, int ordered, long orderedTotal) {}

  public Run run(String grantId) {
    GrantDefinition grant = catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    Instant now = clock.instant();

    // 1. finish runs that died: send what they recorded but did not send, then close them. A run is
    //    known to be dead only when it is older than any run can live; a younger one may be running
    //    now, and closing it under its feet would file part of its orders.
    List<PaymentOrder> pending = store.pending(grantId);
    int resent = 0;
    for (PayoutStore.OpenRun run : store.openRuns(grantId)) {
      if (run.openedAt().isAfter(now.minus(RUN_LEASE))) {
        continue;
      }
      String open = run.runId();
      for (PaymentOrder o : pending) {
        if (o.runId().equals(open)) {
          queue.send(o);
          store.markSent(o);
          resent++;
        }
      }
      close(grantId, open);
    }

    // 2. this run's orders
    String runId = RUN_ID.format(now.atZone(ZoneId.of("Europe/Stockholm"))) + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000), 16);
    store.openRun(grantId, runId, now);
    List<PaymentOrder> created = new ArrayList<>();
    for (Requisition r : requisitions.all(grantId)) {
      if (r.status() == RequisitionStatus.ACCEPTED) {
        store.payRequisition(r, runId, now).ifPresent(created::add);
      }
    }
    Optional<RedistributionStore.Recorded> decided = redistribution.find(grantId).filter(RedistributionStore.Recorded::done);
    if (decided.isPresent()) {
      for (RedistributionStore.Share s : redistribution.unpaidShares(grantId)) {
        store.payShare(s, runId, now).ifPresent(created::add);
      }
    }
    if (created.isEmpty()) {
      store.dropRun(grantId, runId);
      return new Run(null, resent, 0, 0);
    }
    long total = 0;
    for (PaymentOrder o : created) {
      queue.send(o);
      store.markSent(o);
      total += o.amount();
    }
    close(grantId, runId);
    return new Run(runId, resent, created.size(), total);
  }

  private void close(String grantId, String runId) {
    List<PaymentOrder> orders = store.ofRun(grantId, runId);
    if (orders.isEmpty()) {
      store.dropRun(grantId, runId); // died before recording anything: there is no file to write
      return;
    }
    long total = orders.stream().mapToLong(PaymentOrder::amount).sum();
    queue.close(grantId, runId, orders.size(), total);
    store.closeRun(grantId, runId, orders.size(), total);
  }

}
