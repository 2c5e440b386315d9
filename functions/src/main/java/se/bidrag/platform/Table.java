package se.bidrag.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
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

  /** DynamoDB's limit of keys in one BatchGetItem call. */
  public static final int MAX_BATCH_GET_KEYS = 100;

  /**
   * Several items of the table in one BatchGetItem (consistent reads), keyed by {@link #id}; keys without
   * an item are absent. Unprocessed keys (throttling) are asked for again. At most 100 distinct keys.
   */
  public static Map<String, Map<String, AttributeValue>> batchGet(DynamoDbClient db, String table,
      List<String[]> pkSk) {
    if (pkSk.size() > MAX_BATCH_GET_KEYS) {
      throw new IllegalArgumentException("at most " + MAX_BATCH_GET_KEYS + " keys in one batch, not " + pkSk.size());
    }
    Map<String, Map<String, AttributeValue>> out = new HashMap<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (String[] k : pkSk) {
      keys.add(Items.key(k[0], k[1]));
    }
    Map<String, KeysAndAttributes> request = Map.of(table,
        KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
    for (int attempt = 0; !request.isEmpty(); attempt++) {
      if (attempt > 0) {
        pause(attempt);
      }
      BatchGetItemResponse r = db.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
      for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
        out.put(id(item.get("PK").s(), item.get("SK").s()), item);
      }
      request = r.hasUnprocessedKeys() ? r.unprocessedKeys() : Map.of();
    }
    return out;
  }

  /** The key of an item in {@link #batchGet}'s answer. */
  public static String id(String pk, String sk) {
    return pk + "\u0000" + sk;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(Math.min(500, 10L << Math.min(attempt, 6)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
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
