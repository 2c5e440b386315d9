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
 * grant's files) and {@code PAYFILE#grant#run / ORDER#id} for each order the file lists; the batch's
 * approval is read from the batch ({@code GRANT#id / PAYRUN#run}).
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

  @Override
  public boolean writeFile(PaymentFile f) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(pk(f.grantId(), f.runId())));
    item.put("SK", s("FILE"));
    item.put("type", s("payment-file"));
    item.put("grantId", s(f.grantId()));
    item.put("runId", s(f.runId()));
    item.put("orders", n(f.orders()));
    item.put("total", n(f.total()));
    item.put("createdAt", s(f.createdAt().toString()));
    item.put("sha256", s(f.sha256()));
    item.put("xmlGzip", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(f.xml()))));
    item.put("GSI1PK", s("PAYFILE#" + f.grantId()));
    item.put("GSI1SK", s(f.runId()));
    try {
      db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException exists) {
      return false;
    }
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

  @Override
  public Optional<PaymentFile> file(String grantId, String runId) {
    return Table.get(db, table, pk(grantId, runId), "FILE").map(DynamoPaymentFileStore::file);
  }

  @Override
  public List<PaymentFile> files(String grantId) {
    return Table.queryGsi1(db, table, "PAYFILE#" + grantId).stream().map(DynamoPaymentFileStore::file).toList();
  }

  private static PaymentFile file(Map<String, AttributeValue> i) {
    return new PaymentFile(Items.str(i, "grantId"), Items.str(i, "runId"), (int) Items.num(i, "orders"),
        Items.num(i, "total"), Instant.parse(Items.str(i, "createdAt")), Items.str(i, "sha256"),
        gunzip(i.get("xmlGzip").b().asByteArray()));
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
