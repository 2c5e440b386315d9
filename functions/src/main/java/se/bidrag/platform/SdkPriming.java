package se.bidrag.platform;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Harmless calls that take the SDK's request path for each operation the functions use, before a
 * SnapStart snapshot: reads of an item that never exists ({@code PRIMING/PRIMING}), writes whose
 * condition ({@code attribute_exists(PK)} on that item) always fails, so nothing is written, and a delete and a
 * transaction whose condition is that the item does not exist, which succeed and change nothing. An
 * expected refusal is the point (its error path is primed too); any other failure is the caller's to log.
 */
final class SdkPriming {
  private static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS("PRIMING"),
      "SK", AttributeValue.fromS("PRIMING"));
  private static final String NEVER = "attribute_exists(PK)";
  private static final String ABSENT = "attribute_not_exists(PK)";

  private SdkPriming() {}

  static void dynamoDb(DynamoDbClient db, String table) {
    db.getItem(b -> b.tableName(table).key(KEY).consistentRead(true));
    db.batchGetItem(b -> b.requestItems(Map.of(table, KeysAndAttributes.builder().keys(List.of(KEY))
        .consistentRead(true).build())));
    db.query(b -> b.tableName(table).keyConditionExpression("PK = :pk AND begins_with(SK, :p)")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIMING"), ":p", AttributeValue.fromS("P")))
        .limit(1));
    db.query(b -> b.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :pk")
        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("PRIMING"))).limit(1));
    refused(() -> db.putItem(b -> b.tableName(table).item(KEY).conditionExpression(NEVER)));
    refused(() -> db.updateItem(b -> b.tableName(table).key(KEY).updateExpression("SET #p = :p")
        .expressionAttributeNames(Map.of("#p", "priming")).expressionAttributeValues(Map.of(":p", AttributeValue.fromN("1")))
        .conditionExpression(NEVER)));
    refused(() -> db.deleteItem(b -> b.tableName(table).key(KEY).conditionExpression(NEVER)));
    refused(() -> db.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().conditionCheck(
        ConditionCheck.builder().tableName(table).key(KEY).conditionExpression(NEVER).build()).build())));
    // the answers of a write that succeeds, from calls that succeed without writing: a delete on condition that
    // the item does not exist (so there is nothing to delete), and a transaction of that condition alone
    // (a role without the permission is refused: the same path through the SDK)
    refused(() -> db.deleteItem(b -> b.tableName(table).key(KEY).conditionExpression(ABSENT)));
    refused(() -> db.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().conditionCheck(
        ConditionCheck.builder().tableName(table).key(KEY).conditionExpression(ABSENT).build()).build())));
  }

  static void sqs(SqsClient sqs, String queueUrl) {
    // a refusal (a role without sqs:GetQueueAttributes) takes the same path through the SDK
    refused(() -> sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
  }

  static void ses(SesClient ses) {
    refused(ses::getSendQuota);
  }

  /** Runs a call whose condition must fail: the refusal is expected. */
  private static void refused(Runnable call) {
    try {
      call.run();
    } catch (SdkException expected) {
      // ConditionalCheckFailed / TransactionCanceled: nothing was written, and the error path is loaded
    }
  }
}
