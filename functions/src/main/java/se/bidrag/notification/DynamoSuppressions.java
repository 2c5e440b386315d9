package se.bidrag.notification;

import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Suppressions in the table: {@code SUPPRESS#address / SUPPRESS}, listed through GSI1 ({@code SUPPRESSIONS}). */
public final class DynamoSuppressions implements Suppressions {
  private final DynamoDbClient db;
  private final String table;

  public DynamoSuppressions(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  @Override
  public void suppress(String address, String reason, String messageId, Instant at, String eventJson) {
    String a = address.toLowerCase(Locale.ROOT);
    Map<String, AttributeValue> item = new HashMap<>(DynamoEmailLedger.suppressionKey(a));
    item.put("type", s("suppression"));
    item.put("address", s(a));
    item.put("reason", s(reason));
    if (messageId != null) {
      item.put("messageId", s(messageId));
    }
    item.put("at", s(at.toString()));
    item.put("event", s(eventJson));
    item.put("GSI1PK", s("SUPPRESSIONS"));
    item.put("GSI1SK", s(a));
    db.putItem(p -> p.tableName(table).item(item));
  }

  @Override
  public List<Suppression> all() {
    return Table.queryGsi1(db, table, "SUPPRESSIONS").stream().map(i -> new Suppression(Items.str(i, "address"),
        Items.str(i, "reason"), Items.str(i, "messageId"), Instant.parse(Items.str(i, "at")))).toList();
  }

  @Override
  public boolean lift(String address) {
    Map<String, AttributeValue> old = db.deleteItem(d -> d.tableName(table)
        .key(DynamoEmailLedger.suppressionKey(address)).returnValues(ReturnValue.ALL_OLD)).attributes();
    return old != null && !old.isEmpty();
  }
}
