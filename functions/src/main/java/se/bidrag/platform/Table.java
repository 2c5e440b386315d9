package se.bidrag.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Table operations every adapter needs: paged queries, chunked transactions, cancellation reasons. */
public final class Table {
  /** DynamoDB's limit of actions in one TransactWriteItems call. */
  public static final int MAX_TRANSACTION_ITEMS = 100;

  private Table() {}

  /** One item, read consistently; empty when there is none. */
  public static Optional<Map<String, AttributeValue>> get(DynamoDbClient db, String table, String pk, String sk) {
    Map<String, AttributeValue> item = db.getItem(g -> g.tableName(table).key(Items.key(pk, sk)).consistentRead(true))
        .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /** All items of a partition whose sort key starts with the prefix, following pages. */
  public static List<Map<String, AttributeValue>> queryPrefix(DynamoDbClient db, String table, String pk, String prefix) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder q = QueryRequest.builder().tableName(table)
          .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(prefix)))
          .consistentRead(true);
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse r = db.query(q.build());
      out.addAll(r.items());
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** All items of a GSI1 partition, in sort-key order. */
  public static List<Map<String, AttributeValue>> queryGsi1(DynamoDbClient db, String table, String gsiPk) {
    List<Map<String, AttributeValue>> out = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder q = QueryRequest.builder().tableName(table).indexName("GSI1")
          .keyConditionExpression("GSI1PK = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsiPk)));
      if (start != null) {
        q.exclusiveStartKey(start);
      }
      QueryResponse r = db.query(q.build());
      out.addAll(r.items());
      start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
    } while (start != null);
    return out;
  }

  /** Writes in transactions of at most 100 items; each chunk is atomic, and each item's condition makes a re-run safe. */
  public static void transactInChunks(DynamoDbClient db, List<TransactWriteItem> writes) {
    for (int i = 0; i < writes.size(); i += MAX_TRANSACTION_ITEMS) {
      List<TransactWriteItem> chunk = writes.subList(i, Math.min(writes.size(), i + MAX_TRANSACTION_ITEMS));
      db.transactWriteItems(b -> b.transactItems(chunk));
    }
  }

  /** The cancellation reason codes, in item order ("None" for items that were fine). */
  public static List<String> reasonCodes(TransactionCanceledException e) {
    return e.hasCancellationReasons()
        ? e.cancellationReasons().stream().map(CancellationReason::code).map(c -> c == null ? "None" : c).toList()
        : List.of();
  }

  public static String reasons(TransactionCanceledException e) {
    return reasonCodes(e).stream().collect(Collectors.joining(", ", "[", "]"));
  }
}
