package se.bidrag.requisition;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import se.bidrag.access.DynamoRegistrations;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.audit.AuditItems;
import se.bidrag.grant.RecipientKind;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Requisitions in the table: {@code GRANT#id / REQ#recipientId} (current state; GSI1 by status),
 * audit entries per version, idempotency records ({@code IDEM#grant#recipient#key}, expiring after
 * 24 h). A change is one TransactWriteItems: the requisition (conditional on the version it was
 * based on, and not paid), each pot counter it moves (never above the pot), the audit entry (one
 * per version) and the idempotency record (one per key). Transaction conflicts with concurrent
 * writers are retried with jittered backoff; a failed condition is reported, and nothing is written.
 */
public final class DynamoRequisitionStore implements RequisitionStore {
  static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);
  private static final int CONFLICT_RETRIES = 25;

  private final DynamoDbClient db;
  private final String table;

  public DynamoRequisitionStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String sk(String recipientId) {
    return "REQ#" + recipientId;
  }

  /** GSI1 partition listing a grant's requisitions by status (the payout job reads ACCEPTED). */
  public static String statusIndex(String grantId, RequisitionStatus status) {
    return "REQ#" + grantId + "#" + status.name();
  }

  @Override
  public Optional<Requisition> find(String grantId, String recipientId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), sk(recipientId))
        .map(DynamoRequisitionStore::fromItem);
  }

  @Override
  public List<Requisition> all(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "REQ#").stream()
        .map(DynamoRequisitionStore::fromItem).toList();
  }

  @Override
  public Map<String, Long> requisitionedPerPot(String grantId) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map<String, AttributeValue> pot : Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "POT#")) {
      out.put(Items.str(pot, "potId"), Items.num(pot, "requisitioned"));
    }
    return out;
  }

  private static String idemPk(String grantId, String recipientId, String key) {
    return "IDEM#" + grantId + "#" + recipientId + "#" + key;
  }

  @Override
  public Optional<StoredResponse> idempotent(String grantId, String recipientId, String key) {
    return Table.get(db, table, idemPk(grantId, recipientId, key), "IDEM").map(DynamoRequisitionStore::storedResponse);
  }

  @Override
  public Snapshot read(String grantId, String recipientId, String orgnr, String subject, String key) {
    String pk = DynamoAllocationStore.grantPk(grantId);
    List<String[]> keys = new ArrayList<>(List.of(new String[] {pk, "GRANT"}, new String[] {pk, "ALLOC#" + recipientId},
        new String[] {pk, sk(recipientId)}));
    if (orgnr != null) {
      keys.add(new String[] {DynamoRegistrations.pk(orgnr), "OMBUD"});
      if (subject != null) {
        keys.add(new String[] {DynamoRegistrations.pk(orgnr), "DELEGATE#" + subject});
      }
    }
    if (key != null) {
      keys.add(new String[] {idemPk(grantId, recipientId, key), "IDEM"});
    }
    Map<String, Map<String, AttributeValue>> items = Table.batchGet(db, table, keys);
    return new Snapshot(
        Optional.ofNullable(items.get(Table.id(pk, "GRANT"))).map(i -> DynamoAllocationStore.grantFromItem(grantId, i)),
        Optional.ofNullable(items.get(Table.id(pk, "ALLOC#" + recipientId))).map(DynamoAllocationStore::fromItem),
        orgnr == null ? Optional.empty() : Optional.ofNullable(items.get(Table.id(DynamoRegistrations.pk(orgnr), "OMBUD")))
            .map(i -> DynamoRegistrations.ombud(orgnr, i)),
        orgnr == null || subject == null ? Optional.empty()
            : Optional.ofNullable(items.get(Table.id(DynamoRegistrations.pk(orgnr), "DELEGATE#" + subject)))
                .map(i -> DynamoRegistrations.delegate(orgnr, i)),
        Optional.ofNullable(items.get(Table.id(pk, sk(recipientId)))).map(DynamoRequisitionStore::fromItem),
        key == null ? Optional.empty() : Optional.ofNullable(items.get(Table.id(idemPk(grantId, recipientId, key), "IDEM")))
            .map(DynamoRequisitionStore::storedResponse));
  }

  private static StoredResponse storedResponse(Map<String, AttributeValue> item) {
    return new StoredResponse(Items.str(item, "requestHash"), (int) Items.num(item, "status"), Items.str(item, "body"));
  }

  @Override
  public void write(Change c) {
    String pk = DynamoAllocationStore.grantPk(c.after().grantId());
    List<TransactWriteItem> items = new ArrayList<>();
    Put.Builder put = Put.builder().tableName(table).item(toItem(c.after()));
    if (c.before() == null) {
      put.conditionExpression("attribute_not_exists(PK)");
    } else {
      put.conditionExpression("#v = :v AND #status <> :paid AND #status <> :awaiting")
          .expressionAttributeNames(Map.of("#v", "version", "#status", "status"))
          .expressionAttributeValues(Map.of(":v", n(c.before().version()), ":paid", s(RequisitionStatus.PAID.name()),
              ":awaiting", s(RequisitionStatus.AWAITING_ATTESTATION.name())));
    }
    items.add(TransactWriteItem.builder().put(put.build()).build());
    List<String> potOrder = new ArrayList<>();
    for (var d : c.potDeltas().entrySet()) {
      long delta = d.getValue();
      if (delta == 0) {
        continue;
      }
      potOrder.add(d.getKey());
      Update.Builder u = Update.builder().tableName(table).key(Items.key(pk, "POT#" + d.getKey()))
          .updateExpression("SET #r = #r + :d").expressionAttributeNames(Map.of("#r", "requisitioned"));
      if (delta > 0) {
        // the pot never passes its amount: requisitioned + delta <= amount  <=>  requisitioned <= amount - delta
        u.conditionExpression("#r <= :limit")
            .expressionAttributeValues(Map.of(":d", n(delta), ":limit", n(c.potAmounts().get(d.getKey()) - delta)));
      } else {
        u.conditionExpression("attribute_exists(#r)").expressionAttributeValues(Map.of(":d", n(delta)));
      }
      items.add(TransactWriteItem.builder().update(u.build()).build());
    }
    items.add(AuditItems.put(table, c.audit()));
    int idemIndex = -1;
    if (c.idempotencyKey() != null) {
      idemIndex = items.size();
      Map<String, AttributeValue> idem = new HashMap<>();
      idem.put("PK", s(idemPk(c.after().grantId(), c.after().recipientId(), c.idempotencyKey())));
      idem.put("SK", s("IDEM"));
      idem.put("type", s("idempotency"));
      idem.put("requestHash", s(c.response().requestHash()));
      idem.put("status", n(c.response().status()));
      idem.put("body", s(c.response().body()));
      idem.put("expiresAt", n(c.after().updatedAt().plus(IDEMPOTENCY_TTL).getEpochSecond()));
      items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(idem)
          .conditionExpression("attribute_not_exists(PK)").build()).build());
    }
    for (int attempt = 0; ; attempt++) {
      try {
        db.transactWriteItems(t -> t.transactItems(items));
        return;
      } catch (TransactionCanceledException e) {
        List<String> reasons = Table.reasonCodes(e);
        if (reasons.isEmpty() || reasons.contains("TransactionConflict")) {
          if (attempt >= CONFLICT_RETRIES) {
            throw e;
          }
          backoff(attempt);
          continue;
        }
        if ("ConditionalCheckFailed".equals(reasons.get(0))) {
          throw new Conflict(Conflict.Reason.REQUISITION_CHANGED, "the requisition changed meanwhile");
        }
        if (idemIndex >= 0 && "ConditionalCheckFailed".equals(reasons.get(idemIndex))) {
          throw new Conflict(Conflict.Reason.IDEMPOTENCY_KEY_TAKEN, "the Idempotency-Key is taken");
        }
        for (int i = 0; i < potOrder.size(); i++) {
          if ("ConditionalCheckFailed".equals(reasons.get(1 + i))) {
            throw new Conflict(Conflict.Reason.POT_EXHAUSTED, "pot " + potOrder.get(i) + " would be requisitioned "
                + "beyond its amount " + c.potAmounts().get(potOrder.get(i)) + " kr; nothing was changed");
          }
        }
        throw e;
      }
    }
  }

  private static void backoff(int attempt) {
    long max = Math.min(200, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, max + 1));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(ie);
    }
  }

  private static Map<String, AttributeValue> toItem(Requisition r) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(r.grantId())));
    item.put("SK", s(sk(r.recipientId())));
    item.put("GSI1PK", s(statusIndex(r.grantId(), r.status())));
    item.put("GSI1SK", s(r.recipientId()));
    item.put("type", s("requisition"));
    item.put("grantId", s(r.grantId()));
    item.put("recipientId", s(r.recipientId()));
    item.put("orgnr", s(r.orgnr()));
    item.put("kind", s(r.kind().code()));
    item.put("name", s(r.name()));
    item.put("allocation", n(r.allocation()));
    item.put("status", s(r.status().name()));
    item.put("version", n(r.version()));
    item.put("amount", n(r.amount()));
    item.put("pots", Items.longs(r.pots()));
    item.put("form", s(RequisitionJson.formJson(r.form())));
    item.put("wantsRemainingFunds", Items.bool(r.form().wantsRemainingFunds()));
    item.put("submittedAt", s(r.submittedAt().toString()));
    item.put("updatedAt", s(r.updatedAt().toString()));
    item.put("updatedBy", s(r.updatedBy()));
    if (r.paidAt() != null) {
      item.put("paidAt", s(r.paidAt().toString()));
    }
    return item;
  }

  public static Requisition fromItem(Map<String, AttributeValue> item) {
    String paidAt = Items.str(item, "paidAt");
    return new Requisition(Items.str(item, "grantId"), Items.str(item, "recipientId"), Items.str(item, "orgnr"),
        RecipientKind.parse(Items.str(item, "kind")).orElseThrow(), Items.str(item, "name"), Items.num(item, "allocation"),
        RequisitionStatus.valueOf(Items.str(item, "status")), Items.num(item, "version"),
        RequisitionJson.formFromJson(Items.str(item, "form")), Items.longs(item.get("pots")),
        Instant.parse(Items.str(item, "submittedAt")), Instant.parse(Items.str(item, "updatedAt")),
        Items.str(item, "updatedBy"), paidAt == null ? null : Instant.parse(paidAt));
  }
}
