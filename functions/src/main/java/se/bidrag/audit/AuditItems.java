package se.bidrag.audit;

import java.util.HashMap;
import java.util.Map;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Audit entries as table items: {@code PK = AUDIT#<entity>}, {@code SK = <sequence, zero padded>}.
 * The put is conditional on the item not existing, so two writers can never both record sequence n
 * (a lost update would fail its transaction). GSI1 lists a grant's entries in time order.
 */
public final class AuditItems {
  private AuditItems() {}

  public static String partition(String entity) {
    return "AUDIT#" + entity;
  }

  public static String sortKey(long sequence) {
    return String.format("%012d", sequence);
  }

  public static Map<String, AttributeValue> item(AuditEntry e) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", Items.s(partition(e.entity())));
    item.put("SK", Items.s(sortKey(e.sequence())));
    item.put("GSI1PK", Items.s("AUDIT#" + (e.grantId() == null ? "organisations" : e.grantId())));
    item.put("GSI1SK", Items.s(e.at() + "#" + e.entity() + "#" + sortKey(e.sequence())));
    item.put("type", Items.s("audit"));
    if (e.grantId() != null) {
      item.put("grantId", Items.s(e.grantId()));
    }
    item.put("entity", Items.s(e.entity()));
    item.put("sequence", Items.n(e.sequence()));
    item.put("at", Items.s(e.at().toString()));
    item.put("actorOrgnr", Items.s(e.actor().orgnr()));
    item.put("actorRole", Items.s(e.actor().role().code()));
    item.put("actorSubject", Items.s(e.actor().subject()));
    item.put("action", Items.s(e.action()));
    item.put("before", Items.s(e.before() == null ? "null" : Json.write(e.before())));
    item.put("after", Items.s(e.after() == null ? "null" : Json.write(e.after())));
    return item;
  }

  public static TransactWriteItem put(String table, AuditEntry e) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(e))
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }
}
