package se.bidrag.payout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.metrics.BusinessMetrics;
import se.bidrag.metrics.Metric;
import se.bidrag.platform.Log;

/**
 * Builds the payment files from the order queue: each order is recorded under its batch (a duplicate
 * delivery records nothing new); the batch's closing message writes the file once all its orders are
 * recorded (otherwise it is retried) and the batch carries an attestant's approval (otherwise it is
 * an error: the message fails until its dead-letter alarm), then marks them filed. The file is built
 * from the recorded orders in order-id order and names the approval, so writing it again would give
 * the same bytes.
 */
public final class PaymentFiles {
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private final GrantCatalog catalog;
  private final PaymentFileStore store;
  private final String bankgiro;
  private final String bic;
  private final BusinessMetrics metrics;

  public PaymentFiles(GrantCatalog catalog, PaymentFileStore store, String bankgiro, String bic,
      BusinessMetrics metrics) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.store = store;
    this.bankgiro = bankgiro;
    this.bic = bic;
  }

  public void order(PaymentOrder order) {
    store.recordOrder(order);
  }

  /** Thrown when a run's closing message arrives before all its orders are recorded (retry later). */
  public static final class NotComplete extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotComplete(String message) {
      super(message);
    }
  }

  /** Writes the run's file (once); true if this call wrote it. */
  public boolean close(String grantId, String runId, int expectedOrders, long expectedTotal) {
    List<PaymentOrder> orders = store.ordersOf(grantId, runId).stream()
        .sorted(Comparator.comparing(PaymentOrder::orderId)).toList();
    long total = orders.stream().mapToLong(PaymentOrder::amount).sum();
    if (orders.size() != expectedOrders || total != expectedTotal) {
      throw new NotComplete("run " + runId + ": " + orders.size() + " orders (" + total + " kr) recorded, "
          + expectedOrders + " (" + expectedTotal + " kr) expected");
    }
    if (orders.isEmpty()) {
      return false; // a run with no orders has no file
    }
    PayoutBatch.Approval approval = store.approval(grantId, runId).orElseThrow(() -> new IllegalStateException(
        "batch " + runId + " has no attestant's approval: no payment file is written for it"));
    GrantDefinition grant = catalog.require(grantId);
    ZonedDateTime created = approval.at().atZone(STOCKHOLM);
    byte[] xml = Pain001.write(runId, created.toLocalDateTime(), created.toLocalDate(),
        new Pain001.Debtor(grant.agency().name(), grant.agency().orgnr(), bankgiro, bic), orders, grant.title(),
        approval);
    boolean written = store.writeFile(new PaymentFileStore.PaymentFile(grantId, runId, orders.size(), total,
        approval.at(), sha256(xml), xml));
    if (written) { // counted once, with the file: a retried close finds it written
      metrics.count(Metric.PAYMENT_ORDERS_FILED, grantId, orders.size());
    }
    int marked = store.markFiled(grantId, runId, orders);
    Log.info("payment file", "runId", runId, "orders", orders.size(), "written", written, "markedNow", marked);
    return written;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
