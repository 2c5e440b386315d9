package se.bidrag.payout;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.attest.Proposal;
import se.bidrag.attest.ProposalItems;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.json.Json;
import se.bidrag.notification.Kronor;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Batches in the table: {@code GRANT#id / PAYRUN#batchId}, listed by state through GSI1
 * ({@code PAYRUN#grant#<STATE>}, sort key the batch id, which begins with its time). The audit entity
 * is {@code payout-batch/<grant>/<batch>}: 1 proposed, 2 approved or rejected, 3 returned.
 */
public final class DynamoPayoutBatches implements PayoutBatches {
  private final DynamoDbClient db;
  private final String table;

  public DynamoPayoutBatches(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String stateIndex(String grantId, PayoutBatch.State state) {
    return "PAYRUN#" + grantId + "#" + state.name();
  }

  private static Map<String, AttributeValue> key(String grantId, String batchId) {
    return Items.key(DynamoAllocationStore.grantPk(grantId), "PAYRUN#" + batchId);
  }

  /** The batch's entry in the register of proposals. */
  static Proposal proposal(PayoutBatch b, int orders, long total, Instant at) {
    return Proposal.awaiting(Proposal.Kind.PAYOUT_BATCH, b.batchId(), b.grantId(), b.batchId(),
        "Utbetalning: " + orders + " betalningsordrar, " + Kronor.format(total, ' ') + " kr", total, b.proposedBy(),
        b.proposer(), at, b.href());
  }

  @Override
  public void open(String grantId, String batchId, Caller proposer, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>(key(grantId, batchId));
    item.put("type", s("payment-run"));
    item.put("grantId", s(grantId));
    item.put("runId", s(batchId));
    item.put("state", s(PayoutBatch.State.OPEN.name()));
    item.put("proposedBy", s(proposer.subject()));
    item.put("proposer", s(proposer.describe()));
    item.put("openedAt", s(at.toString()));
    item.put("GSI1PK", s(stateIndex(grantId, PayoutBatch.State.OPEN)));
    item.put("GSI1SK", s(batchId));
    db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
  }

  private TransactWriteItem move(PayoutBatch b, PayoutBatch.State from, PayoutBatch.State to, Map<String, AttributeValue> set,
      String notBy) {
    StringBuilder expr = new StringBuilder("SET #state = :to, #gsi = :gsi");
    Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#gsi", "GSI1PK"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(to.name()), ":from", s(from.name()),
        ":gsi", s(stateIndex(b.grantId(), to))));
    int i = 0;
    for (Map.Entry<String, AttributeValue> e : set.entrySet()) {
      expr.append(", #a").append(i).append(" = :a").append(i);
      names.put("#a" + i, e.getKey());
      values.put(":a" + i, e.getValue());
      i++;
    }
    String condition = "#state = :from";
    if (notBy != null) {
      condition += " AND #proposedBy <> :me";
      names.put("#proposedBy", "proposedBy");
      values.put(":me", s(notBy));
    }
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(b.grantId(), b.batchId()))
        .updateExpression(expr.toString()).conditionExpression(condition).expressionAttributeNames(names)
        .expressionAttributeValues(values).build()).build();
  }

  private boolean transact(List<TransactWriteItem> items) {
    try {
      db.transactWriteItems(t -> t.transactItems(items));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }

  @Override
  public boolean propose(PayoutBatch b, int orders, long total, List<PayoutBatch.Skipped> skipped, Instant at) {
    Map<String, AttributeValue> set = new HashMap<>(Map.of("proposedAt", s(at.toString()), "orders", n(orders),
        "total", n(total), "skipped", s(Json.write(skippedJson(skipped)))));
    AuditEntry audit = new AuditEntry(b.grantId(), PayoutBatch.entity(b.grantId(), b.batchId()), 1, at,
        Caller.described(b.proposer()), "payout-batch.proposed", null, Json.object().put("batchId", b.batchId())
            .put("state", "awaiting-attestation").put("orders", orders).put("total", total).put("proposer", b.proposer())
            .set("skipped", skippedJson(skipped)));
    return transact(List.of(move(b, PayoutBatch.State.OPEN, PayoutBatch.State.AWAITING_ATTESTATION, set, null),
        ProposalItems.put(table, proposal(b, orders, total, at)), AuditItems.put(table, audit)));
  }

  @Override
  public Outcome approve(PayoutBatch b, Caller attestant, String approvalId, Instant at) {
    Map<String, AttributeValue> set = Map.of("approvalId", s(approvalId), "approvedBy", s(attestant.subject()),
        "approver", s(attestant.describe()), "approvedAt", s(at.toString()));
    Proposal.Decision d = new Proposal.Decision(Proposal.State.APPROVED, attestant.subject(), attestant.describe(), at,
        approvalId, null);
    AuditEntry audit = new AuditEntry(b.grantId(), PayoutBatch.entity(b.grantId(), b.batchId()), 2, at, attestant,
        "payout-batch.approved", Json.object().put("state", "awaiting-attestation"), Json.object()
            .put("batchId", b.batchId()).put("state", "approved").put("approvalId", approvalId).put("orders", b.orders())
            .put("total", b.total()));
    return transact(List.of(move(b, PayoutBatch.State.AWAITING_ATTESTATION, PayoutBatch.State.APPROVED, set,
        attestant.subject()), ProposalItems.decide(table, proposal(b, b.orders(), b.total(), b.proposedAt()), d),
        AuditItems.put(table, audit))) ? Outcome.DONE : Outcome.NOT_AWAITING;
  }

  @Override
  public Outcome reject(PayoutBatch b, Caller attestant, String reason, Instant at) {
    Map<String, AttributeValue> set = Map.of("rejectedBy", s(attestant.subject()), "rejecter", s(attestant.describe()),
        "rejectedAt", s(at.toString()), "reason", s(reason));
    Proposal.Decision d = new Proposal.Decision(Proposal.State.REJECTED, attestant.subject(), attestant.describe(), at,
        null, reason);
    AuditEntry audit = new AuditEntry(b.grantId(), PayoutBatch.entity(b.grantId(), b.batchId()), 2, at, attestant,
        "payout-batch.rejected", Json.object().put("state", "awaiting-attestation"), Json.object()
            .put("batchId", b.batchId()).put("state", "rejected").put("reason", reason).put("orders", b.orders())
            .put("total", b.total()));
    return transact(List.of(move(b, PayoutBatch.State.AWAITING_ATTESTATION, PayoutBatch.State.REJECTED, set,
        attestant.subject()), ProposalItems.decide(table, proposal(b, b.orders(), b.total(), b.proposedAt()), d),
        AuditItems.put(table, audit))) ? Outcome.DONE : Outcome.NOT_AWAITING;
  }

  @Override
  public void returned(PayoutBatch b, Instant at) {
    Caller system = Caller.system("payout");
    AuditEntry audit = new AuditEntry(b.grantId(), PayoutBatch.entity(b.grantId(), b.batchId()), 3, at, system,
        "payout-batch.returned", Json.object().put("state", "rejected"), Json.object().put("batchId", b.batchId())
            .put("state", "returned").put("orders", b.orders()).put("total", b.total()));
    transact(List.of(move(b, PayoutBatch.State.REJECTED, PayoutBatch.State.RETURNED, Map.of("returnedAt",
        s(at.toString())), null), AuditItems.put(table, audit)));
  }

  @Override
  public void close(String grantId, String batchId, int orders, long total) {
    try {
      db.updateItem(u -> u.tableName(table).key(key(grantId, batchId))
          .updateExpression("SET #state = :closed, #orders = :n, #total = :t, #gsi = :gsi")
          .conditionExpression("#state = :approved")
          .expressionAttributeNames(Map.of("#state", "state", "#orders", "orders", "#total", "total", "#gsi", "GSI1PK"))
          .expressionAttributeValues(Map.of(":closed", s("CLOSED"), ":approved", s("APPROVED"), ":n", n(orders),
              ":t", n(total), ":gsi", s(stateIndex(grantId, PayoutBatch.State.CLOSED)))));
    } catch (ConditionalCheckFailedException closedOrFiledAlready) {
      // a finisher closed it first, or the consumer filed it: nothing to do
    }
  }

  @Override
  public void drop(String grantId, String batchId) {
    db.deleteItem(d -> d.tableName(table).key(key(grantId, batchId)));
  }

  @Override
  public Optional<PayoutBatch> find(String grantId, String batchId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "PAYRUN#" + batchId).map(DynamoPayoutBatches::batch);
  }

  @Override
  public List<PayoutBatch> all(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "PAYRUN#").stream()
        .map(DynamoPayoutBatches::batch).toList();
  }

  @Override
  public List<PayoutBatch> inState(String grantId, PayoutBatch.State state) {
    return Table.queryGsi1(db, table, stateIndex(grantId, state)).stream().map(DynamoPayoutBatches::batch).toList();
  }

  private static ArrayNode skippedJson(List<PayoutBatch.Skipped> skipped) {
    ArrayNode a = Json.array();
    skipped.forEach(x -> a.addObject().put("recipientId", x.recipientId()).put("orgnr", x.orgnr()).put("name", x.name())
        .put("orderId", x.orderId()).put("amount", x.amount()));
    return a;
  }

  static PayoutBatch batch(Map<String, AttributeValue> i) {
    List<PayoutBatch.Skipped> skipped = new ArrayList<>();
    if (Items.str(i, "skipped") != null) {
      try {
        for (JsonNode x : Json.parse(Items.str(i, "skipped"))) {
          skipped.add(new PayoutBatch.Skipped(x.path("recipientId").asText(), x.path("orgnr").asText(),
              x.path("name").asText(), x.path("orderId").asText(), x.path("amount").asLong()));
        }
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("payout batch " + Items.str(i, "runId") + " is damaged", e);
      }
    }
    PayoutBatch.Approval approval = Items.str(i, "approvalId") == null ? null : new PayoutBatch.Approval(
        Items.str(i, "approvalId"), Items.str(i, "approvedBy"), Items.str(i, "approver"),
        Instant.parse(Items.str(i, "approvedAt")));
    PayoutBatch.Rejection rejection = Items.str(i, "rejectedBy") == null ? null : new PayoutBatch.Rejection(
        Items.str(i, "rejectedBy"), Items.str(i, "rejecter"), Instant.parse(Items.str(i, "rejectedAt")),
        Items.str(i, "reason"));
    String proposedAt = Items.str(i, "proposedAt");
    return new PayoutBatch(Items.str(i, "grantId"), Items.str(i, "runId"), PayoutBatch.State.valueOf(Items.str(i, "state")),
        Items.str(i, "proposedBy"), Items.str(i, "proposer"), Instant.parse(Items.str(i, "openedAt")),
        proposedAt == null ? null : Instant.parse(proposedAt), (int) Items.num(i, "orders"), Items.num(i, "total"),
        skipped, approval, rejection);
  }
}
