package se.bidrag.payout;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 * the same bytes. A run of more orders than {@code maxTransactions} is written as parts 1..n: contiguous
 * chunks of that many orders in order-id order (the last one the rest), each a whole pain.001 with its own
 * message id {@code <runId>-<part>}, count and control sum, and the same approval; each part is written
 * once (a retry after dying part-way writes the parts that are missing).
 */
public final class PaymentFiles {
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private final GrantCatalog catalog;
  private final PaymentFileStore store;
  private final String bankgiro;
  private final String bic;
  private final BusinessMetrics metrics;
  private final int maxTransactions;

  /** The transactions one file holds at most unless configured ({@code PAYMENT_FILE_MAX_TRANSACTIONS}). */
  public static final int DEFAULT_MAX_TRANSACTIONS = 10_000;

  public PaymentFiles(GrantCatalog catalog, PaymentFileStore store, String bankgiro, String bic,
      BusinessMetrics metrics) {
    this(catalog, store, bankgiro, bic, metrics, DEFAULT_MAX_TRANSACTIONS);
  }

  public PaymentFiles(GrantCatalog catalog, PaymentFileStore store, String bankgiro, String bic,
      BusinessMetrics metrics, int maxTransactions) {
    if (maxTransactions < 1) {
      throw new IllegalArgumentException("maxTransactions must be at least 1: " + maxTransactions);
    }
    this.maxTransactions = maxTransactions;
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

  /** Writes the run's file, or its parts (each once); true if this call wrote any. */
  public boolean close(String grantId, String runId, int expectedOrders, long expectedTotal) {
    return closeParts(grantId, runId, expectedOrders, expectedTotal) > 0;
  }

  /** As {@link #close}; how many files (parts) this call wrote. */
  public int closeParts(String grantId, String runId, int expectedOrders, long expectedTotal) {
    List<PaymentOrder> orders = store.ordersOf(grantId, runId).stream()
        .sorted(Comparator.comparing(PaymentOrder::orderId)).toList();
    long total = orders.stream().mapToLong(PaymentOrder::amount).sum();
    if (orders.size() != expectedOrders || total != expectedTotal) {
      throw new NotComplete("run " + runId + ": " + orders.size() + " orders (" + total + " kr) recorded, "
          + expectedOrders + " (" + expectedTotal + " kr) expected");
    }
    if (orders.isEmpty()) {
      return 0; // a run with no orders has no file
    }
    PayoutBatch.Approval approval = store.approval(grantId, runId).orElseThrow(() -> new IllegalStateException(
        "batch " + runId + " has no attestant's approval: no payment file is written for it"));
    GrantDefinition grant = catalog.require(grantId);
    ZonedDateTime created = approval.at().atZone(STOCKHOLM);
    Pain001.Debtor debtor = new Pain001.Debtor(grant.agency().name(), grant.agency().orgnr(), bankgiro, bic);
    List<List<PaymentOrder>> chunks = split(orders, maxTransactions);
    int parts = chunks.size();
    int written = 0;
    for (int p = 1; p <= parts; p++) {
      List<PaymentOrder> chunk = chunks.get(p - 1);
      byte[] xml = Pain001.write(PaymentFileStore.PaymentFile.messageId(runId, p, parts), created.toLocalDateTime(),
          created.toLocalDate(), debtor, chunk, grant.title(), approval);
      long partTotal = chunk.stream().mapToLong(PaymentOrder::amount).sum();
      if (store.writeFile(new PaymentFileStore.PaymentFile(grantId, runId, p, parts, chunk.size(), partTotal,
          chunk.get(0).orderId(), chunk.get(chunk.size() - 1).orderId(), approval.at(), sha256(xml), xml))) {
        written++;
        metrics.count(Metric.PAYMENT_ORDERS_FILED, grantId, chunk.size()); // once per part, with it
      }
    }
    int marked = store.markFiled(grantId, runId, orders);
    Log.info("payment file", "runId", runId, "orders", orders.size(), "parts", parts, "written", written,
        "markedNow", marked);
    return written;
  }

  /** The orders (in order-id order) in contiguous chunks of {@code max}, the last one the rest; none for none. */
  static List<List<PaymentOrder>> split(List<PaymentOrder> orders, int max) {
    List<List<PaymentOrder>> chunks = new ArrayList<>();
    for (int i = 0; i < orders.size(); i += max) {
      chunks.add(orders.subList(i, Math.min(orders.size(), i + max)));
    }
    return chunks;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
