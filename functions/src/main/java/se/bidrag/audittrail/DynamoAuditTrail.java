package se.bidrag.audittrail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.audit.AuditItems;
import se.bidrag.platform.Items;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The trail from GSI1: the grant's partition ({@code AUDIT#<grant>}) merged with the organisations'
 * ({@code AUDIT#organisations}), both in sort-key order (UTC time with nine fractional digits, entity,
 * sequence), so a position is one sort key and the next page starts after it in both.
 */
public final class DynamoAuditTrail implements AuditTrail {
  private static final int PAGE = 250;

  private final DynamoDbClient db;
  private final String table;

  public DynamoAuditTrail(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  @Override
  public Page page(Query q) {
    List<Entry> found = new ArrayList<>(read(AuditItems.index(q.grantId()), q));
    found.addAll(read(AuditItems.index(null), q));
    found.sort(Comparator.comparing(Entry::position));
    if (found.size() <= q.limit()) {
      return new Page(found, null);
    }
    List<Entry> page = found.subList(0, q.limit());
    return new Page(List.copyOf(page), page.get(page.size() - 1).position());
  }

  /** Up to limit + 1 matching entries of one partition after the query's position. */
  private List<Entry> read(String partition, Query q) {
    String lo = q.from() == null ? "0" : AuditItems.sortableTime(q.from());
    if (q.after() != null && q.after().compareTo(lo) > 0) {
      lo = q.after(); // inclusive: the entry at the position itself is dropped below
    }
    String hi = q.to() == null ? "~" : AuditItems.sortableTime(q.to()) + "#~"; // '~' sorts after every key character
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Items.s(partition), ":lo", Items.s(lo),
        ":hi", Items.s(hi)));
    List<String> filters = new ArrayList<>();
    if (q.recipientId() != null) {
      names.put("#r", "recipientId");
      names.put("#o", "orgnr");
      values.put(":r", Items.s(q.recipientId()));
      values.put(":o", Items.s(q.recipientOrgnr()));
      filters.add("(#r = :r OR (attribute_not_exists(#r) AND #o = :o))");
    }
    if (q.entity() != null) {
      names.put("#e", "entity");
      values.put(":e", Items.s(q.entity()));
      filters.add("begins_with(#e, :e)");
    }
    if (q.actor() != null) {
      names.put("#a", "actorSubject");
      values.put(":a", Items.s(q.actor()));
      filters.add("#a = :a");
    }
    List<Entry> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder r = QueryRequest.builder().tableName(table).indexName("GSI1")
          .keyConditionExpression("GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi").expressionAttributeValues(values)
          .limit(PAGE);
      if (!filters.isEmpty()) {
        r.filterExpression(String.join(" AND ", filters)).expressionAttributeNames(names);
      }
      if (start != null) {
        r.exclusiveStartKey(start);
      }
      QueryResponse page = db.query(r.build());
      for (Map<String, AttributeValue> i : page.items()) {
        Entry e = entry(i);
        if (q.after() == null || e.position().compareTo(q.after()) > 0) {
          out.add(e);
        }
      }
      start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
    } while (start != null && out.size() <= q.limit());
    return out;
  }

  private static Entry entry(Map<String, AttributeValue> i) {
    return new Entry(Items.str(i, "grantId"), Items.str(i, "entity"), Items.num(i, "sequence"),
        Instant.parse(Items.str(i, "at")), Items.str(i, "actorOrgnr"), Items.str(i, "actorRole"),
        Items.str(i, "actorSubject"), Items.str(i, "action"), Items.str(i, "recipientId"), Items.str(i, "orgnr"),
        Items.str(i, "before"), Items.str(i, "after"), Items.str(i, "GSI1SK"));
  }
}
