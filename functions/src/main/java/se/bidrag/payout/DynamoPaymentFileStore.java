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
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

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

  @Override
  public void markFiled(String grantId, String runId, List<PaymentOrder> orders) {
    String grantPk = DynamoAllocationStore.grantPk(grantId);
    for (PaymentOrder o : orders) {
      try {
        db.updateItem(u -> u.tableName(table).key(Items.key(grantPk, "PAY#" + o.orderId()))
            .updateExpression("SET #status = :filed, #gsi = :gsi").conditionExpression("#status <> :filed")
            .expressionAttributeNames(Map.of("#status", "status", "#gsi", "GSI1PK"))
            .expressionAttributeValues(Map.of(":filed", s(PaymentOrder.Status.FILED.name()),
                ":gsi", s(DynamoPayoutStore.statusIndex(grantId, PaymentOrder.Status.FILED)))));
      } catch (ConditionalCheckFailedException alreadyFiled) {
        // a retried close message
      }
    }
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
