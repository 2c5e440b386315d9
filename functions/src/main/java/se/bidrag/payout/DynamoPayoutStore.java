package se.bidrag.payout;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import se.bidrag.redistribution.RedistributionStore;
import se.bidrag.requisition.DynamoRequisitionStore;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionJson;
import se.bidrag.requisition.RequisitionStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Orders in the table: {@code GRANT#id / PAY#orderId}, listed by status through GSI1
 * ({@code PAYORDER#grant#PENDING}, {@code ...#SENT}, {@code ...#FILED}; sort key run and order).
 */
public final class DynamoPayoutStore implements PayoutStore {
  private static final Caller PAYOUT = Caller.system("payout");
  private final DynamoDbClient db;
  private final String table;

  public DynamoPayoutStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String statusIndex(String grantId, PaymentOrder.Status status) {
    return "PAYORDER#" + grantId + "#" + status.name();
  }

  private Map<String, AttributeValue> orderItem(PaymentOrder o) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(o.grantId())));
    item.put("SK", s("PAY#" + o.orderId()));
    item.put("type", s("payment-order"));
    item.put("orderId", s(o.orderId()));
    item.put("grantId", s(o.grantId()));
    item.put("recipientId", s(o.recipientId()));
    item.put("orgnr", s(o.orgnr()));
    item.put("name", s(o.name()));
    item.put("kind", s(o.kind().name()));
    item.put("amount", n(o.amount()));
    item.put("runId", s(o.runId()));
    item.put("status", s(o.status().name()));
    item.put("createdAt", s(o.createdAt().toString()));
    item.put("GSI1PK", s(statusIndex(o.grantId(), o.status())));
    item.put("GSI1SK", s(o.runId() + "#" + o.orderId()));
    return item;
  }

  private TransactWriteItem putOrder(PaymentOrder o) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(orderItem(o))
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }

  @Override
  public Optional<PaymentOrder> payRequisition(Requisition r, String runId, Instant at) {
    PaymentOrder order = new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REQUISITION, r.recipientId()), r.grantId(),
        r.recipientId(), r.orgnr(), r.name(), PaymentOrder.Kind.REQUISITION, r.amount(), runId,
        PaymentOrder.Status.PENDING, at);
    Requisition paid = new Requisition(r.grantId(), r.recipientId(), r.orgnr(), r.kind(), r.name(), r.allocation(),
        RequisitionStatus.PAID, r.version() + 1, r.form(), r.pots(), r.submittedAt(), r.updatedAt(), r.updatedBy(), at);
    AuditEntry audit = new AuditEntry(r.grantId(), "requisition/" + r.grantId() + "/" + r.recipientId(), paid.version(),
        at, PAYOUT, "requisition.paid", RequisitionJson.json(r), RequisitionJson.json(paid).put("orderId", order.orderId()));
    try {
      db.transactWriteItems(t -> t.transactItems(
          TransactWriteItem.builder().update(Update.builder().tableName(table)
              .key(Items.key(DynamoAllocationStore.grantPk(r.grantId()), "REQ#" + r.recipientId()))
              .updateExpression("SET #status = :paid, #version = :next, #paidAt = :at, #gsi = :gsi, #order = :order")
              .conditionExpression("#status = :accepted AND #version = :v")
              .expressionAttributeNames(Map.of("#status", "status", "#version", "version", "#paidAt", "paidAt",
                  "#gsi", "GSI1PK", "#order", "orderId"))
              .expressionAttributeValues(Map.of(":paid", s(RequisitionStatus.PAID.name()),
                  ":accepted", s(RequisitionStatus.ACCEPTED.name()), ":v", n(r.version()), ":next", n(paid.version()),
                  ":at", s(at.toString()), ":gsi", s(DynamoRequisitionStore.statusIndex(r.grantId(), RequisitionStatus.PAID)),
                  ":order", s(order.orderId()))).build()).build(),
          putOrder(order), AuditItems.put(table, audit)));
      return Optional.of(order);
    } catch (TransactionCanceledException e) {
      return Optional.empty(); // amended, withdrawn or paid meanwhile: the next run looks again
    }
  }

  @Override
  public Optional<PaymentOrder> payShare(RedistributionStore.Share share, String runId, Instant at) {
    PaymentOrder order = new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REDISTRIBUTION, share.recipientId()),
        share.grantId(), share.recipientId(), share.orgnr(), share.name(), PaymentOrder.Kind.REDISTRIBUTION,
        share.total(), runId, PaymentOrder.Status.PENDING, at);
    AuditEntry audit = new AuditEntry(share.grantId(), "redistribution-share/" + share.grantId() + "/"
        + share.recipientId(), share.version() + 1, at, PAYOUT, "redistribution-share.paid",
        Json.object().put("status", "unpaid").put("total", share.total()),
        Json.object().put("status", "paid").put("total", share.total()).put("orderId", order.orderId()));
    try {
      db.transactWriteItems(t -> t.transactItems(
          TransactWriteItem.builder().update(Update.builder().tableName(table)
              .key(Items.key(DynamoAllocationStore.grantPk(share.grantId()), "REDIST#" + share.recipientId()))
              .updateExpression("SET #status = :paid, #version = :next, #paidAt = :at, #order = :order REMOVE #gsi, #gsisk")
              .conditionExpression("#status = :unpaid AND #version = :v")
              .expressionAttributeNames(Map.of("#status", "status", "#version", "version", "#paidAt", "paidAt",
                  "#order", "orderId", "#gsi", "GSI1PK", "#gsisk", "GSI1SK"))
              .expressionAttributeValues(Map.of(":paid", s("PAID"), ":unpaid", s("UNPAID"), ":v", n(share.version()),
                  ":next", n(share.version() + 1), ":at", s(at.toString()), ":order", s(order.orderId()))).build()).build(),
          putOrder(order), AuditItems.put(table, audit)));
      return Optional.of(order);
    } catch (TransactionCanceledException e) {
      return Optional.empty();
    }
  }

  static String runIndex(String grantId, String state) {
    return "PAYRUN#" + grantId + "#" + state;
  }

  @Override
  public void openRun(String grantId, String runId, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(grantId)));
    item.put("SK", s("PAYRUN#" + runId));
    item.put("type", s("payment-run"));
    item.put("grantId", s(grantId));
    item.put("runId", s(runId));
    item.put("state", s("OPEN"));
    item.put("openedAt", s(at.toString()));
    item.put("GSI1PK", s(runIndex(grantId, "OPEN")));
    item.put("GSI1SK", s(runId));
    db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
  }

  @Override
  public List<OpenRun> openRuns(String grantId) {
    return Table.queryGsi1(db, table, runIndex(grantId, "OPEN")).stream()
        .map(i -> new OpenRun(Items.str(i, "runId"), Instant.parse(Items.str(i, "openedAt")))).toList();
  }

  @Override
  public void closeRun(String grantId, String runId, int orders, long total) {
    db.updateItem(u -> u.tableName(table).key(Items.key(DynamoAllocationStore.grantPk(grantId), "PAYRUN#" + runId))
        .updateExpression("SET #state = :closed, #orders = :n, #total = :t, #gsi = :gsi")
        .conditionExpression("attribute_exists(PK)")
        .expressionAttributeNames(Map.of("#state", "state", "#orders", "orders", "#total", "total", "#gsi", "GSI1PK"))
        .expressionAttributeValues(Map.of(":closed", s("CLOSED"), ":n", n(orders), ":t", n(total),
            ":gsi", s(runIndex(grantId, "CLOSED")))));
  }

  @Override
  public void dropRun(String grantId, String runId) {
    db.deleteItem(d -> d.tableName(table).key(Items.key(DynamoAllocationStore.grantPk(grantId), "PAYRUN#" + runId)));
  }

  @Override
  public List<PaymentOrder> pending(String grantId) {
    return Table.queryGsi1(db, table, statusIndex(grantId, PaymentOrder.Status.PENDING)).stream()
        .map(DynamoPayoutStore::order).toList();
  }

  @Override
  public void markSent(PaymentOrder o) {
    try {
      db.updateItem(u -> u.tableName(table).key(Items.key(DynamoAllocationStore.grantPk(o.grantId()), "PAY#" + o.orderId()))
          .updateExpression("SET #status = :sent, #gsi = :gsi").conditionExpression("#status = :pending")
          .expressionAttributeNames(Map.of("#status", "status", "#gsi", "GSI1PK"))
          .expressionAttributeValues(Map.of(":sent", s(PaymentOrder.Status.SENT.name()),
              ":pending", s(PaymentOrder.Status.PENDING.name()),
              ":gsi", s(statusIndex(o.grantId(), PaymentOrder.Status.SENT)))));
    } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException alreadyFurther) {
      // SENT by a concurrent run, or FILED already by the consumer: nothing to do
    }
  }

  @Override
  public List<PaymentOrder> ofRun(String grantId, String runId) {
    return all(grantId).stream().filter(o -> o.runId().equals(runId)).toList();
  }

  @Override
  public List<PaymentOrder> all(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "PAY#").stream()
        .map(DynamoPayoutStore::order).toList();
  }

  static PaymentOrder order(Map<String, AttributeValue> i) {
    return new PaymentOrder(Items.str(i, "orderId"), Items.str(i, "grantId"), Items.str(i, "recipientId"),
        Items.str(i, "orgnr"), Items.str(i, "name"), PaymentOrder.Kind.valueOf(Items.str(i, "kind")),
        Items.num(i, "amount"), Items.str(i, "runId"), PaymentOrder.Status.valueOf(Items.str(i, "status")),
        Instant.parse(Items.str(i, "createdAt")));
  }
}
