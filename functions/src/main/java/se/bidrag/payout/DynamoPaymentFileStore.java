package se.bidrag.payout;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Payment files in the table: {@code PAYFILE#grant#run / FILE} (the XML, gzipped; GSI1 lists a
 * grant's files), or {@code FILE#0001}.. for the parts of a run split in several, and
 * {@code PAYFILE#grant#run / ORDER#id} for each order the file lists; the batch's approval is read from
 * the batch ({@code GRANT#id / PAYRUN#run}).
 */
public final class DynamoPaymentFileStore implements PaymentFileStore {
  private final DynamoDbClient db;
  private final String table;

  public DynamoPaymentFileStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  private static String pk(String grantId, String runId) {
    return "PAYFILE#" + grantId + "#" + runId;
  }

  @Override
  public boolean recordOrder(PaymentOrder o) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(pk(o.grantId(), o.runId())));
    item.put("SK", s("ORDER#" + o.orderId()));
    item.put("type", s("payment-file-order"));
    item.put("order", s(Json.write(o.toJson())));
    try {
      db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException duplicate) {
      return false;
    }
  }

  @Override
  public List<PaymentOrder> ordersOf(String grantId, String runId) {
    return Table.queryPrefix(db, table, pk(grantId, runId), "ORDER#").stream()
        .map(i -> PaymentOrder.fromJson(Json.parse(new ByteArrayInputStream(Items.str(i, "order").getBytes(
            java.nio.charset.StandardCharsets.UTF_8))))).toList();
  }

  /** The file's sort key: {@code FILE} for a run in one file, {@code FILE#0001}.. for the parts of a split run. */
  static String fileSk(int part, int parts) {
    return parts == 1 ? "FILE" : "FILE#" + String.format("%04d", part);
  }

  /**
   * One transaction: the part, if it is not there, and a check that the run was not written split the other way (a
   * part of several where this is the one file, or the one file where this is a part). A part that is there with the
   * same orders is left as it is (false); with other orders, or beside the other way's file, nothing is written and
   * {@link SplitChanged} says why.
   */
  @Override
  public boolean writeFile(PaymentFile f) {
    String pk = pk(f.grantId(), f.runId());
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(pk));
    item.put("SK", s(fileSk(f.part(), f.parts())));
    item.put("type", s("payment-file"));
    item.put("grantId", s(f.grantId()));
    item.put("runId", s(f.runId()));
    item.put("part", n(f.part()));
    item.put("parts", n(f.parts()));
    item.put("orders", n(f.orders()));
    item.put("total", n(f.total()));
    item.put("firstOrder", s(f.firstOrder()));
    item.put("lastOrder", s(f.lastOrder()));
    item.put("createdAt", s(f.createdAt().toString()));
    item.put("sha256", s(f.sha256()));
    item.put("xmlGzip", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(f.xml()))));
    item.put("GSI1PK", s("PAYFILE#" + f.grantId()));
    item.put("GSI1SK", s(f.parts() == 1 ? f.runId() : f.runId() + "#" + String.format("%04d", f.part())));
    String other = f.parts() == 1 ? fileSk(1, 2) : fileSk(1, 1);
    List<TransactWriteItem> writes = List.of(
        TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build(),
        TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(Items.key(pk, other))
            .conditionExpression("attribute_not_exists(PK)")).build());
    try {
      db.transactWriteItems(t -> t.transactItems(writes));
      return true;
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      CancellationReason mine = !reasons.isEmpty() ? reasons.get(0) : null;
      CancellationReason theirs = reasons.size() > 1 ? reasons.get(1) : null;
      if (theirs != null && "ConditionalCheckFailed".equals(theirs.code())) {
        throw new SplitChanged("run " + f.runId() + " was written " + (f.parts() == 1 ? "in parts" : "in one file")
            + "; now it would be " + (f.parts() == 1 ? "one file" : f.parts() + " parts")
            + " (the limit of transactions per file changed?): nothing written", e);
      }
      if (mine != null && "ConditionalCheckFailed".equals(mine.code()) && mine.item() != null
          && mine.item().containsKey("PK")) {
        PaymentFile old = file(mine.item());
        if (!sameOrders(old, f)) {
          throw new SplitChanged("run " + f.runId() + " part " + f.part() + " was written with " + old.orders()
              + " orders (" + old.total() + " kr, " + old.firstOrder() + ".." + old.lastOrder() + ") of " + old.parts()
              + " parts; now it would hold " + f.orders() + " (" + f.total() + " kr, " + f.firstOrder() + ".."
              + f.lastOrder() + ") of " + f.parts() + " (the limit of transactions per file changed?): nothing written",
              e);
        }
        return false;
      }
      throw e; // not a condition of ours (a conflict, throttling): the message is retried
    }
  }

  /** The same orders in the same part of the same split (a file written before runs were split names no order ids). */
  private static boolean sameOrders(PaymentFile old, PaymentFile f) {
    return old.parts() == f.parts() && old.orders() == f.orders() && old.total() == f.total()
        && (old.firstOrder() == null || old.firstOrder().equals(f.firstOrder()))
        && (old.lastOrder() == null || old.lastOrder().equals(f.lastOrder()));
  }

  /**
   * The orders' statuses in TransactWriteItems of {@value #CHUNK} updates (DynamoDB's limit per transaction):
   * 10 000 orders are 100 calls, not 10 000. Each update is conditional on the order existing and not being
   * filed; a chunk cancelled because some of its orders were filed by an earlier, interrupted call is written
   * again with only the rest (so every order is marked filed exactly once).
   */
  @Override
  public int markFiled(String grantId, String runId, List<PaymentOrder> orders) {
    String grantPk = DynamoAllocationStore.grantPk(grantId);
    int marked = 0;
    for (int i = 0; i < orders.size(); i += CHUNK) {
      marked += markChunk(grantId, grantPk, orders.subList(i, Math.min(orders.size(), i + CHUNK)));
    }
    markRunFiled(grantId, grantPk, runId);
    return marked;
  }

  static final int CHUNK = 100;

  private int markChunk(String grantId, String grantPk, List<PaymentOrder> chunk) {
    List<PaymentOrder> left = chunk;
    while (!left.isEmpty()) {
      List<TransactWriteItem> updates = left.stream().map(o -> TransactWriteItem.builder().update(u -> u
          .tableName(table).key(Items.key(grantPk, "PAY#" + o.orderId()))
          .updateExpression("SET #status = :filed, #gsi = :gsi")
          .conditionExpression("attribute_exists(PK) AND #status <> :filed")
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
          .expressionAttributeNames(Map.of("#status", "status", "#gsi", "GSI1PK"))
          .expressionAttributeValues(Map.of(":filed", s(PaymentOrder.Status.FILED.name()),
              ":gsi", s(DynamoPayoutStore.statusIndex(grantId, PaymentOrder.Status.FILED))))).build()).toList();
      try {
        db.transactWriteItems(t -> t.transactItems(updates));
        return left.size();
      } catch (TransactionCanceledException e) {
        List<PaymentOrder> rest = new java.util.ArrayList<>();
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int k = 0; k < left.size(); k++) {
          CancellationReason r = k < reasons.size() ? reasons.get(k) : null;
          boolean filed = r != null && "ConditionalCheckFailed".equals(r.code()) && r.item() != null
              && r.item().containsKey("PK");
          boolean missing = r != null && "ConditionalCheckFailed".equals(r.code()) && (r.item() == null
              || !r.item().containsKey("PK"));
          if (missing) {
            throw new IllegalStateException("order " + left.get(k).orderId() + " is not in the table", e);
          }
          if (!filed) {
            rest.add(left.get(k));
          }
        }
        if (rest.size() == left.size()) {
          throw e; // not a filed order's doing (a conflict, throttling): the message is retried
        }
        left = rest;
      }
    }
    return 0;
  }

  private void markRunFiled(String grantId, String grantPk, String runId) {
    db.updateItem(u -> u.tableName(table).key(Items.key(grantPk, "PAYRUN#" + runId))
        .updateExpression("SET #state = :filed, #gsi = :gsi")
        .conditionExpression("#state IN (:approved, :closed, :filed)")
        .expressionAttributeNames(Map.of("#state", "state", "#gsi", "GSI1PK"))
        .expressionAttributeValues(Map.of(":filed", s("FILED"), ":approved", s("APPROVED"), ":closed", s("CLOSED"),
            ":gsi", s(DynamoPayoutBatches.stateIndex(grantId, PayoutBatch.State.FILED)))));
  }

  @Override
  public Optional<PayoutBatch.Approval> approval(String grantId, String runId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "PAYRUN#" + runId)
        .map(DynamoPayoutBatches::batch).map(PayoutBatch::approval);
  }

  /** Part 1 is the run's one file or its first part: a get of each key (no item names how a run was split). */
  @Override
  public Optional<PaymentFile> file(String grantId, String runId, int part) {
    if (part < 1 || part > 9999) {
      return Optional.empty();
    }
    if (part == 1) {
      Optional<PaymentFile> one = Table.get(db, table, pk(grantId, runId), fileSk(1, 1)).map(DynamoPaymentFileStore::file);
      if (one.isPresent()) {
        return one;
      }
    }
    return Table.get(db, table, pk(grantId, runId), fileSk(part, 2)).map(DynamoPaymentFileStore::file);
  }

  @Override
  public List<PaymentFile> files(String grantId) {
    return Table.queryGsi1(db, table, "PAYFILE#" + grantId).stream().map(DynamoPaymentFileStore::file).toList();
  }

  private static PaymentFile file(Map<String, AttributeValue> i) {
    return new PaymentFile(Items.str(i, "grantId"), Items.str(i, "runId"), i.containsKey("part") ? (int) Items.num(i,
        "part") : 1, i.containsKey("parts") ? (int) Items.num(i, "parts") : 1, (int) Items.num(i, "orders"),
        Items.num(i, "total"), i.containsKey("firstOrder") ? Items.str(i, "firstOrder") : null,
        i.containsKey("lastOrder") ? Items.str(i, "lastOrder") : null, Instant.parse(Items.str(i, "createdAt")),
        Items.str(i, "sha256"), gunzip(i.get("xmlGzip").b().asByteArray()));
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream z = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return z.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
