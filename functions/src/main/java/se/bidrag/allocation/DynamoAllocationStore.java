package se.bidrag.allocation;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.grant.RecipientKind;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Allocations in the table. Items: the grant ({@code GRANT#id / GRANT}), one per recipient
 * ({@code GRANT#id / ALLOC#recipientId}) and one per pot ({@code GRANT#id / POT#potId}, which also
 * carries the running requisitioned sum the requisition issue guards).
 *
 * <p>Publishing is idempotent and safe to interrupt: the grant item first pins the allocation hash
 * (state PUBLISHING); the recipient and pot items are written conditionally on carrying the same
 * hash; the state flips to PUBLISHED with its audit entry in one transaction. A re-run with the
 * same figures completes or finds it done; different figures are refused.
 */
public final class DynamoAllocationStore implements AllocationStore {
  private final DynamoDbClient db;
  private final String table;

  public DynamoAllocationStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  public static String grantPk(String grantId) {
    return "GRANT#" + grantId;
  }

  @Override
  public Outcome publish(Allocation allocation, String hash, Instant at, Caller by) {
    String grantId = allocation.grant().id();
    String pk = grantPk(grantId);
    Map<String, AttributeValue> grantItem;
    try {
      grantItem = db.updateItem(UpdateItemRequest.builder().tableName(table).key(Items.key(pk, "GRANT"))
          .updateExpression("SET #hash = :h, #state = if_not_exists(#state, :publishing), "
              + "#grantId = :g, #type = :type, #total = :total, #recipients = :recipients, #summary = :summary")
          .conditionExpression("attribute_not_exists(PK) OR #hash = :h")
          .expressionAttributeNames(Map.of("#hash", "allocationHash", "#state", "state", "#grantId", "grantId",
              "#type", "type", "#total", "total", "#recipients", "recipients", "#summary", "summary"))
          .expressionAttributeValues(Map.of(":h", s(hash), ":publishing", s("PUBLISHING"), ":g", s(grantId),
              ":type", s("grant"), ":total", n(allocation.total()), ":recipients", n(allocation.allocations().size()),
              ":summary", s(Json.write(summary(allocation)))))
          .returnValues(ReturnValue.ALL_NEW).build()).attributes();
    } catch (ConditionalCheckFailedException e) {
      throw new AllocationConflictException("grant " + grantId + " is already published with other figures; "
          + "a published allocation is a decision and is not replaced");
    }
    if (!"PUBLISHING".equals(Items.str(grantItem, "state"))) {
      return Outcome.ALREADY_PUBLISHED;
    }

    List<TransactWriteItem> writes = new ArrayList<>();
    for (Allocation.PotTotal pot : allocation.pots()) {
      writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
          .key(Items.key(pk, "POT#" + pot.id()))
          .updateExpression("SET #type = :type, #grantId = :g, #potId = :p, #amount = :a, #hash = :h, "
              + "#kind = :k, #requisitioned = if_not_exists(#requisitioned, :zero)")
          .conditionExpression("attribute_not_exists(PK) OR #hash = :h")
          .expressionAttributeNames(Map.of("#type", "type", "#grantId", "grantId", "#potId", "potId", "#amount", "amount",
              "#hash", "allocationHash", "#kind", "recipientKind", "#requisitioned", "requisitioned"))
          .expressionAttributeValues(Map.of(":type", s("pot"), ":g", s(grantId), ":p", s(pot.id()),
              ":a", n(pot.amount()), ":h", s(hash), ":k", s(pot.recipientKind().code()), ":zero", n(0)))
          .build()).build());
    }
    for (Allocation.RecipientAllocation a : allocation.allocations()) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", s(pk));
      item.put("SK", s("ALLOC#" + a.recipient().id()));
      item.put("type", s("allocation"));
      item.put("grantId", s(grantId));
      item.put("recipientId", s(a.recipient().id()));
      item.put("kind", s(a.recipient().kind().code()));
      item.put("code", s(a.recipient().code()));
      item.put("name", s(a.recipient().name()));
      if (a.recipient().orgnr() != null) {
        item.put("orgnr", s(a.recipient().orgnr()));
      }
      item.put("pots", Items.longs(a.pots()));
      item.put("total", n(a.total()));
      item.put("allocationHash", s(hash));
      item.put("json", s(Json.write(AllocationJson.recipient(allocation, a))));
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
          .conditionExpression("attribute_not_exists(PK) OR #hash = :h")
          .expressionAttributeNames(Map.of("#hash", "allocationHash"))
          .expressionAttributeValues(Map.of(":h", s(hash))).build()).build());
    }
    try {
      Table.transactInChunks(db, writes);
    } catch (TransactionCanceledException e) {
      throw new AllocationConflictException("grant " + grantId + " has allocation items with other figures: "
          + Table.reasons(e));
    }

    var after = Json.object().put("state", "PUBLISHED").put("allocationHash", hash).put("total", allocation.total())
        .put("recipients", allocation.allocations().size());
    AllocationJson.label(after, allocation.illustrativeDatasets());
    after.set("pots", AllocationJson.pots(allocation));
    after.set("inputs", AllocationJson.inputs(allocation));
    AuditEntry audit = new AuditEntry(grantId, "grant/" + grantId, 1, at, by, "allocation.published",
        Json.object().put("state", "PUBLISHING"), after);
    try {
      db.transactWriteItems(b -> b.transactItems(
          TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(pk, "GRANT"))
              .updateExpression("SET #state = :published, #at = :at, #by = :by")
              .conditionExpression("#state = :publishing AND #hash = :h")
              .expressionAttributeNames(Map.of("#state", "state", "#at", "publishedAt", "#by", "publishedBy",
                  "#hash", "allocationHash"))
              .expressionAttributeValues(Map.of(":published", s("PUBLISHED"), ":publishing", s("PUBLISHING"),
                  ":h", s(hash), ":at", s(at.toString()), ":by", s(by.describe())))
              .build()).build(),
          AuditItems.put(table, audit)));
      return Outcome.PUBLISHED;
    } catch (TransactionCanceledException e) {
      return Outcome.ALREADY_PUBLISHED; // a concurrent publish of the same figures flipped it first
    }
  }

  /** What the grant item keeps of the allocation: its pots and the provenance of its inputs. */
  private static com.fasterxml.jackson.databind.node.ObjectNode summary(Allocation allocation) {
    var o = Json.object();
    AllocationJson.label(o, allocation.illustrativeDatasets());
    o.set("pots", AllocationJson.pots(allocation));
    o.set("inputs", AllocationJson.inputs(allocation));
    return o;
  }

  @Override
  public Optional<PublishedGrant> grant(String grantId) {
    return Table.get(db, table, grantPk(grantId), "GRANT").map(item -> grantFromItem(grantId, item));
  }

  /** The grant's published state from its {@code GRANT} item. */
  public static PublishedGrant grantFromItem(String grantId, Map<String, AttributeValue> item) {
    Map<String, String> attributes = new LinkedHashMap<>();
    item.forEach((k, v) -> {
      if (v.s() != null) {
        attributes.put(k, v.s());
      } else if (v.n() != null) {
        attributes.put(k, v.n());
      }
    });
    String publishedAt = Items.str(item, "publishedAt");
    return new PublishedGrant(grantId, Items.str(item, "state"), Items.str(item, "allocationHash"),
        publishedAt == null ? null : Instant.parse(publishedAt), Items.str(item, "publishedBy"), attributes);
  }

  @Override
  public List<StoredAllocation> allocations(String grantId) {
    List<StoredAllocation> out = new ArrayList<>();
    for (Map<String, AttributeValue> item : Table.queryPrefix(db, table, grantPk(grantId), "ALLOC#")) {
      out.add(fromItem(item));
    }
    return out;
  }

  @Override
  public Optional<StoredAllocation> allocation(String grantId, String recipientId) {
    Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder().tableName(table)
        .key(Items.key(grantPk(grantId), "ALLOC#" + recipientId)).build()).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  public static StoredAllocation fromItem(Map<String, AttributeValue> item) {
    return new StoredAllocation(Items.str(item, "grantId"), Items.str(item, "recipientId"),
        RecipientKind.parse(Items.str(item, "kind")).orElseThrow(), Items.str(item, "code"), Items.str(item, "name"),
        Items.str(item, "orgnr"), Items.longs(item.get("pots")), Items.num(item, "total"), Items.str(item, "json"));
  }
}
