package se.bidrag.payout;

import java.util.List;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;

/** The agency's view of a grant's payments: the orders and their totals, the payment files, and a payout run on demand. */
public final class Payments {
  private final GrantCatalog catalog;
  private final PayoutService payouts;
  private final PayoutStore orders;
  private final PaymentFileStore files;

  public Payments(GrantCatalog catalog, PayoutService payouts, PayoutStore orders, PaymentFileStore files) {
    this.catalog = catalog;
    this.payouts = payouts;
    this.orders = orders;
    this.files = files;
  }

  /** A grant's payment orders, with what they add up to. */
  public record Orders(String grantId, List<PaymentOrder> orders, PaymentTotals totals) {}

  /** The grant id of a grant there is; 404 otherwise. */
  public String grant(String grantId) {
    catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    return grantId;
  }

  public Orders orders(String grantId) {
    List<PaymentOrder> all = orders.all(grant(grantId));
    return new Orders(grantId, all, PaymentTotals.of(all));
  }

  /** A payout run now, as the schedule runs it. */
  public PayoutService.Run run(String grantId) {
    return payouts.run(grant(grantId));
  }

  public List<PaymentFileStore.PaymentFile> files(String grantId) {
    return files.files(grant(grantId));
  }

  /** One run's payment file; 404 when the run has none. */
  public PaymentFileStore.PaymentFile file(String grantId, String runId) {
    return files.file(grantId, runId).orElseThrow(() -> Refusal.notFound("runId", "no payment file for run " + runId));
  }
}
