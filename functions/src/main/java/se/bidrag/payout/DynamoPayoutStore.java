package se.bidrag.payout;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import se.bidrag.redistribution.DynamoRedistributionStore;
import se.bidrag.redistribution.RedistributionStore;
import se.bidrag.requisition.DynamoRequisitionStore;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionJson;
import se.bidrag.requisition.RequisitionStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Orders in the table: {@code GRANT#id / PAY#orderId}, listed by status through GSI1
 * ({@code PAYORDER#grant#AWAITING_ATTESTATION}, {@code ...#PENDING}, {@code ...#SENT}, {@code ...#FILED};
 * sort key batch and order). What an order pays — {@code REQ#recipient} (status ACCEPTED →
 * AWAITING_ATTESTATION → PAID) or {@code REDIST#recipient} (UNPAID → PROPOSED → PAID) — moves in the
 * same transaction as the order, with its audit entry.
 */
public final class DynamoPayoutStore implements PayoutStore {
  private final DynamoDbClient db;
  private final String table;
  private final DynamoRequisitionStore requisitions;

  public DynamoPayoutStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
    this.requisitions = new DynamoRequisitionStore(db, table);
  }

  static String statusIndex(String grantId, PaymentOrder.Status status) {
    return "PAYORDER#" + grantId + "#" + status.name();
  }

  private static Map<String, AttributeValue> orderKey(PaymentOrder o) {
    return Items.key(DynamoAllocationStore.grantPk(o.grantId()), "PAY#" + o.orderId());
  }

  private Map<String, AttributeValue> orderItem(PaymentOrder o) {
    Map<String, AttributeValue> item = new HashMap<>(orderKey(o));
    item.put("type", s("payment-order"));
    item.put("orderId", s(o.orderId()));
    item.put("grantId", s(o.grantId()));
    item.put("recipientId", s(o.recipientId()));
    item.put("orgnr", s(o.orgnr()));
    item.put("name", s(o.name()));
    item.put("kind", s(o.kind().name()));
    item.put("amount", n(o.amount()));
    item.put("bankgiro", s(o.bankgiro()));
    item.put("runId", s(o.runId()));
    item.put("status", s(o.status().name()));
    item.put("createdAt", s(o.createdAt().toString()));
    item.put("GSI1PK", s(statusIndex(o.grantId(), o.status())));
    item.put("GSI1SK", s(o.runId() + "#" + o.orderId()));
    return item;
  }

  /** The order's state as its audit entries record it (the bankgiro masked). */
  private static ObjectNode orderJson(PaymentOrder o) {
    String bg = o.bankgiro();
    return Json.object().put("orderId", o.orderId()).put("batchId", o.runId()).put("amount", o.amount())
        .put("bankgiro", "\u2022\u2022\u2022-" + bg.substring(Math.max(0, bg.length() - 4)))
        .put("status", o.status().code());
  }

  private PaymentOrder newOrder(PaymentOrder.Kind kind, String grantId, String recipientId, String orgnr, String name,
      long amount, String bankgiro, String batchId, Instant at) {
    return new PaymentOrder(PaymentOrder.id(kind, recipientId), grantId, recipientId, orgnr, name, kind, amount,
        bankgiro, batchId, PaymentOrder.Status.AWAITING_ATTESTATION, at);
  }

  // ---------------------------------------------------------------- the requisition's side

  private TransactWriteItem requisitionTo(Requisition r, RequisitionStatus from, RequisitionStatus to, Instant at,
      String orderId) {
    StringBuilder set = new StringBuilder("SET #status = :to, #version = :next, #gsi = :gsi");
    Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#version", "version", "#gsi", "GSI1PK"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":from", s(from.name()),
        ":v", n(r.version()), ":next", n(r.version() + 1), ":gsi", s(DynamoRequisitionStore.statusIndex(r.grantId(), to))));
    if (to == RequisitionStatus.PAID) {
      set.append(", #paidAt = :at");
      names.put("#paidAt", "paidAt");
      values.put(":at", s(at.toString()));
    }
    if (orderId != null) {
      set.append(", #order = :order");
      names.put("#order", "orderId");
      values.put(":order", s(orderId));
    }
    return TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(Items.key(DynamoAllocationStore.grantPk(r.grantId()), "REQ#" + r.recipientId()))
        .updateExpression(set.toString()).conditionExpression("#status = :from AND #version = :v")
        .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
  }

  private static Requisition moved(Requisition r, RequisitionStatus to, Instant at) {
    return new Requisition(r.grantId(), r.recipientId(), r.orgnr(), r.kind(), r.name(), r.allocation(), to,
        r.version() + 1, r.form(), r.pots(), r.submittedAt(), r.updatedAt(), r.updatedBy(),
        to == RequisitionStatus.PAID ? at : r.paidAt());
  }

  private AuditEntry requisitionAudit(Requisition before, RequisitionStatus to, Instant at, Caller by, String action,
      PaymentOrder order) {
    ObjectNode after = RequisitionJson.json(moved(before, to, at));
    after.set("order", orderJson(order));
    return new AuditEntry(before.grantId(), "requisition/" + before.grantId() + "/" + before.recipientId(),
        before.version() + 1, at, by, action, RequisitionJson.json(before), after);
  }

  // ---------------------------------------------------------------- the share's side

  private TransactWriteItem shareTo(RedistributionStore.Share sh, String from, String to, String orderId) {
    String set = "SET #status = :to, #version = :next" + (orderId != null ? ", #order = :order" : "")
        + (to.equals("UNPAID") ? ", #gsi = :gsi, #gsisk = :gsisk" : " REMOVE #gsi, #gsisk");
    Map<String, String> names = new HashMap<>(Map.of("#status", "status", "#version", "version", "#gsi", "GSI1PK",
        "#gsisk", "GSI1SK"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to), ":from", s(from), ":v", n(sh.version()),
        ":next", n(sh.version() + 1)));
    if (orderId != null) {
      names.put("#order", "orderId");
      values.put(":order", s(orderId));
    }
    if (to.equals("UNPAID")) {
      values.put(":gsi", s(DynamoRedistributionStore.unpaidIndex(sh.grantId())));
      values.put(":gsisk", s(sh.recipientId()));
    }
    return TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(Items.key(DynamoAllocationStore.grantPk(sh.grantId()), "REDIST#" + sh.recipientId()))
        .updateExpression(set).conditionExpression("#status = :from AND #version = :v")
        .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
  }

  private static AuditEntry shareAudit(RedistributionStore.Share sh, String from, String to, Instant at, Caller by,
      String action, PaymentOrder order) {
    ObjectNode after = Json.object().put("recipientId", sh.recipientId()).put("status", to.toLowerCase(java.util.Locale.ROOT))
        .put("total", sh.total());
    after.set("order", orderJson(order));
    return new AuditEntry(sh.grantId(), "redistribution-share/" + sh.grantId() + "/" + sh.recipientId(),
        sh.version() + 1, at, by, action, Json.object().put("recipientId", sh.recipientId())
            .put("status", from.toLowerCase(java.util.Locale.ROOT)).put("total", sh.total()), after);
  }

  private Optional<RedistributionStore.Share> share(String grantId, String recipientId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "REDIST#" + recipientId)
        .map(DynamoRedistributionStore::share);
  }

  // ---------------------------------------------------------------- proposing, releasing, returning

  @Override
  public Optional<PaymentOrder> proposeRequisition(Requisition r, String bankgiro, String batchId, Caller proposer,
      Instant at) {
    PaymentOrder order = newOrder(PaymentOrder.Kind.REQUISITION, r.grantId(), r.recipientId(), r.orgnr(), r.name(),
        r.amount(), bankgiro, batchId, at);
    return transact(List.of(requisitionTo(r, RequisitionStatus.ACCEPTED, RequisitionStatus.AWAITING_ATTESTATION, at,
        order.orderId()), putOrder(order), AuditItems.put(table, requisitionAudit(r,
        RequisitionStatus.AWAITING_ATTESTATION, at, proposer, "requisition.payment-proposed", order))))
        ? Optional.of(order) : Optional.empty(); // amended, withdrawn or proposed meanwhile: the next run looks again
  }

  @Override
  public Optional<PaymentOrder> proposeShare(RedistributionStore.Share sh, String bankgiro, String batchId,
      Caller proposer, Instant at) {
    PaymentOrder order = newOrder(PaymentOrder.Kind.REDISTRIBUTION, sh.grantId(), sh.recipientId(), sh.orgnr(),
        sh.name(), sh.total(), bankgiro, batchId, at);
    return transact(List.of(shareTo(sh, "UNPAID", "PROPOSED", order.orderId()), putOrder(order),
        AuditItems.put(table, shareAudit(sh, "UNPAID", "PROPOSED", at, proposer, "redistribution-share.payment-proposed",
            order)))) ? Optional.of(order) : Optional.empty();
  }

  @Override
  public boolean release(PaymentOrder o, Caller approver, Instant at) {
    PaymentOrder pending = o.with(PaymentOrder.Status.PENDING);
    TransactWriteItem order = TransactWriteItem.builder().update(Update.builder().tableName(table).key(orderKey(o))
        .updateExpression("SET #status = :pending, #gsi = :gsi").conditionExpression("#status = :awaiting AND #run = :run")
        .expressionAttributeNames(Map.of("#status", "status", "#gsi", "GSI1PK", "#run", "runId"))
        .expressionAttributeValues(Map.of(":pending", s(PaymentOrder.Status.PENDING.name()), ":awaiting",
            s(PaymentOrder.Status.AWAITING_ATTESTATION.name()), ":run", s(o.runId()),
            ":gsi", s(statusIndex(o.grantId(), PaymentOrder.Status.PENDING)))).build()).build();
    return o.kind() == PaymentOrder.Kind.REQUISITION
        ? requisitions.find(o.grantId(), o.recipientId()).filter(r -> r.status() == RequisitionStatus.AWAITING_ATTESTATION)
            .map(r -> transact(List.of(order, requisitionTo(r, RequisitionStatus.AWAITING_ATTESTATION,
                RequisitionStatus.PAID, at, null), AuditItems.put(table, requisitionAudit(r, RequisitionStatus.PAID, at,
                approver, "requisition.paid", pending))))).orElse(false)
        : share(o.grantId(), o.recipientId()).map(sh -> transact(List.of(order, shareTo(sh, "PROPOSED", "PAID", null),
            AuditItems.put(table, shareAudit(sh, "PROPOSED", "PAID", at, approver, "redistribution-share.paid", pending)))))
            .orElse(false);
  }

  @Override
  public boolean giveBack(PaymentOrder o, Caller rejecter, Instant at) {
    TransactWriteItem order = TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(orderKey(o))
        .conditionExpression("#status = :awaiting AND #run = :run")
        .expressionAttributeNames(Map.of("#status", "status", "#run", "runId"))
        .expressionAttributeValues(Map.of(":awaiting", s(PaymentOrder.Status.AWAITING_ATTESTATION.name()),
            ":run", s(o.runId()))).build()).build();
    return o.kind() == PaymentOrder.Kind.REQUISITION
        ? requisitions.find(o.grantId(), o.recipientId()).filter(r -> r.status() == RequisitionStatus.AWAITING_ATTESTATION)
            .map(r -> transact(List.of(order, requisitionTo(r, RequisitionStatus.AWAITING_ATTESTATION,
                RequisitionStatus.ACCEPTED, at, null), AuditItems.put(table, requisitionAudit(r,
                RequisitionStatus.ACCEPTED, at, rejecter, "requisition.payment-rejected", o))))).orElse(false)
        : share(o.grantId(), o.recipientId()).map(sh -> transact(List.of(order, shareTo(sh, "PROPOSED", "UNPAID", null),
            AuditItems.put(table, shareAudit(sh, "PROPOSED", "UNPAID", at, rejecter,
                "redistribution-share.payment-rejected", o))))).orElse(false);
  }

  private TransactWriteItem putOrder(PaymentOrder o) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(orderItem(o))
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }

  private boolean transact(List<TransactWriteItem> items) {
    try {
      db.transactWriteItems(t -> t.transactItems(items));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- the outbox and reading

  @Override
  public void markSent(PaymentOrder o) {
    try {
      db.updateItem(u -> u.tableName(table).key(orderKey(o))
          .updateExpression("SET #status = :sent, #gsi = :gsi").conditionExpression("#status = :pending")
          .expressionAttributeNames(Map.of("#status", "status", "#gsi", "GSI1PK"))
          .expressionAttributeValues(Map.of(":sent", s(PaymentOrder.Status.SENT.name()),
              ":pending", s(PaymentOrder.Status.PENDING.name()),
              ":gsi", s(statusIndex(o.grantId(), PaymentOrder.Status.SENT)))));
    } catch (ConditionalCheckFailedException alreadyFurther) {
      // SENT by a concurrent release, or FILED already by the consumer: nothing to do
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

  @Override
  public Page page(String grantId, String after, int limit) {
    String pk = DynamoAllocationStore.grantPk(grantId);
    List<PaymentOrder> out = new java.util.ArrayList<>();
    Map<String, AttributeValue> start = after == null ? null : Items.key(pk, "PAY#" + after);
    do { // one more than the page: whether another follows is then known without an empty last page
      var q = software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder().tableName(table)
          .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
          .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s("PAY#"))).consistentRead(true)
          .limit(limit + 1 - out.size());
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      var r = db.query(q.build());
      r.items().forEach(i -> out.add(order(i)));
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null && out.size() <= limit);
    return out.size() <= limit ? new Page(List.copyOf(out), null)
        : new Page(List.copyOf(out.subList(0, limit)), out.get(limit - 1).orderId());
  }

  @Override
  public List<PaymentOrder> ofRecipient(String grantId, String recipientId) {
    String pk = DynamoAllocationStore.grantPk(grantId);
    List<String[]> keys = java.util.Arrays.stream(PaymentOrder.Kind.values())
        .map(k -> new String[] {pk, "PAY#" + PaymentOrder.id(k, recipientId)}).toList();
    Map<String, Map<String, AttributeValue>> found = Table.batchGet(db, table, keys);
    return keys.stream().map(k -> found.get(Table.id(k[0], k[1]))).filter(java.util.Objects::nonNull)
        .map(DynamoPayoutStore::order).toList();
  }

  static PaymentOrder order(Map<String, AttributeValue> i) {
    return new PaymentOrder(Items.str(i, "orderId"), Items.str(i, "grantId"), Items.str(i, "recipientId"),
        Items.str(i, "orgnr"), Items.str(i, "name"), PaymentOrder.Kind.valueOf(Items.str(i, "kind")),
        Items.num(i, "amount"), Items.str(i, "bankgiro"), Items.str(i, "runId"),
        PaymentOrder.Status.valueOf(Items.str(i, "status")), Instant.parse(Items.str(i, "createdAt")));
  }
}
