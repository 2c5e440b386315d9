package se.bidrag.payout;

import java.util.Comparator;
import java.util.List;
import se.bidrag.access.Caller;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;

/**
 * The agency's view of a grant's payments: the orders and their totals with the recipients that wait
 * for an approved payout account, the batches and their attestation, the payment files, and a payout
 * run on demand.
 */
public final class Payments {
  private final GrantCatalog catalog;
  private final PayoutService payouts;
  private final PayoutStore orders;
  private final PayoutBatches batches;
  private final PaymentFileStore files;

  public Payments(GrantCatalog catalog, PayoutService payouts, PayoutStore orders, PayoutBatches batches,
      PaymentFileStore files) {
    this.catalog = catalog;
    this.payouts = payouts;
    this.orders = orders;
    this.batches = batches;
    this.files = files;
  }

  /**
   * A page of a grant's payment orders. The first page (no position) also carries what all the orders add up to
   * and what cannot be paid for want of an approved account (null on later pages: they read only their orders);
   * {@code next} is the last order's id when more follow.
   */
  public record Orders(String grantId, List<PaymentOrder> orders, PaymentTotals totals,
      List<PayoutBatch.Skipped> withoutAccount, String next) {}

  /** The largest page of orders, and a page's size when none is asked for. */
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 200;

  /** The grant id of a grant there is; 404 otherwise. */
  public String grant(String grantId) {
    catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    return grantId;
  }

  /** The first {@code limit} orders (in order-id order) after the order {@code after} (null: the first page, with the totals). */
  public Orders orders(String grantId, String after, int limit) {
    if (after != null) {
      PayoutStore.Page page = orders.page(grant(grantId), after, limit);
      return new Orders(grantId, page.orders(), null, null, page.next());
    }
    List<PaymentOrder> all = orders.all(grant(grantId)); // the totals need them all; the page is their beginning
    List<PaymentOrder> page = all.size() <= limit ? all : all.subList(0, limit);
    return new Orders(grantId, List.copyOf(page), PaymentTotals.of(all), payouts.withoutAccount(grantId),
        all.size() <= limit ? null : page.get(limit - 1).orderId());
  }

  /** A payout run now, as the schedule runs it, with the caller as the batch's proposer. */
  public PayoutService.Run run(String grantId, Caller proposer) {
    return payouts.run(grant(grantId), proposer);
  }

  /** The grant's batches, newest first. */
  public List<PayoutBatch> batches(String grantId) {
    return batches.all(grant(grantId)).stream().sorted(Comparator.comparing(PayoutBatch::batchId).reversed()).toList();
  }

  /** One batch and its orders; 404 when there is none. */
  public record Batch(PayoutBatch batch, List<PaymentOrder> orders) {}

  public Batch batch(String grantId, String batchId) {
    PayoutBatch b = batches.find(grant(grantId), batchId)
        .orElseThrow(() -> Refusal.notFound("batchId", "no payout batch " + batchId));
    return new Batch(b, orders.ofRun(grantId, batchId));
  }

  public PayoutService.Decided approve(String grantId, String batchId, Caller attestant) {
    return payouts.approve(grantId, batchId, attestant);
  }

  public PayoutService.Decided reject(String grantId, String batchId, Caller attestant, String reason) {
    return payouts.reject(grantId, batchId, attestant, reason);
  }

  public List<PaymentFileStore.PaymentFile> files(String grantId) {
    return files.files(grant(grantId));
  }

  /** One batch's payment file, or its one part; 404 when it has none. */
  public PaymentFileStore.PaymentFile file(String grantId, String runId) {
    return file(grantId, runId, null);
  }

  /**
   * One batch's payment file: part {@code part} of a run written in parts, the first part when none is chosen (the
   * API refuses that when there are several: {@link PaymentFileStore.PaymentFile#parts()}); a run in one file is
   * part 1. 404 when there is no such file or part.
   */
  public PaymentFileStore.PaymentFile file(String grantId, String runId, Integer part) {
    PaymentFileStore.PaymentFile f = files.file(grantId, runId, part == null ? 1 : part)
        .orElseThrow(() -> part == null || part == 1 || files.file(grantId, runId, 1).isEmpty()
            ? Refusal.notFound("runId", "no payment file for run " + runId)
            : Refusal.notFound("part", "run " + runId + " has no payment file part " + part));
    return f;
  }
}
