package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidrag.metrics.BusinessMetrics;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A dry platform sends no call that could change anything: every write, send and deletion is answered in the
 * process (the fake endpoint below counts the requests that reach it: none), once (not retried), while reads go
 * to the service; and a dry invocation's log lines are dropped.
 */
class DryRunTest {
  private HttpServer server;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private Platform dry;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      received.add(target == null ? exchange.getRequestURI().toString() : target);
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    dry = Platform.local(Map.of("AWS_REGION", "eu-north-1", "AWS_ENDPOINT_URL", url), Clock.systemUTC(), List.of())
        .dryRun(Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS("T"), "SK", AttributeValue.fromS("T"));

  @Test
  void everyCallThatCouldChangeSomethingIsAnsweredInTheProcessOnce() {
    List<Consumer<Platform>> writes = List.of(
        p -> p.dynamoDb().putItem(b -> b.tableName("t").item(KEY)),
        p -> p.dynamoDb().updateItem(b -> b.tableName("t").key(KEY).updateExpression("SET a = :a")
            .expressionAttributeValues(Map.of(":a", AttributeValue.fromN("1")))),
        p -> p.dynamoDb().deleteItem(b -> b.tableName("t").key(KEY)),
        p -> p.dynamoDb().transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
            .put(Put.builder().tableName("t").item(KEY).build()).build())),
        p -> p.dynamoDb().batchWriteItem(b -> b.requestItems(Map.of("t", List.of(
            software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().deleteRequest(d -> d.key(KEY)).build())))),
        p -> p.sqs().sendMessage(b -> b.queueUrl("http://127.0.0.1/q").messageBody("x")),
        p -> p.sqs().deleteMessage(b -> b.queueUrl("http://127.0.0.1/q").receiptHandle("r")),
        p -> p.sqs().receiveMessage(b -> b.queueUrl("http://127.0.0.1/q")),
        p -> p.ses().sendRawEmail(b -> b.rawMessage(m -> m.data(SdkBytes.fromUtf8String("x")))));
    for (Consumer<Platform> write : writes) {
      long before = DryRun.notSent();
      try {
        write.accept(dry);
      } catch (RuntimeException unusableAnswer) {
        // SQS checks the answer's MD5 of the message, which an empty answer lacks: it fails in the process
      }
      assertEquals(before + 1, DryRun.notSent(), "answered once, not retried");
    }
    assertEquals(List.of(), received, "no request reached the endpoint");
  }

  @Test
  void aDynamoDbWriteIsAnsweredAsIfItHadBeenMade() {
    assertTrue(dry.dynamoDb().putItem(b -> b.tableName("t").item(KEY)).attributes().isEmpty());
    assertEquals("dry-run", dry.ses().sendRawEmail(b -> b.rawMessage(m -> m.data(SdkBytes.fromUtf8String("x"))))
        .messageId());
    assertEquals(List.of(), received);
  }

  @Test
  void readsGoThrough() {
    long before = DryRun.notSent();
    dry.dynamoDb().getItem(b -> b.tableName("t").key(KEY));
    dry.dynamoDb().query(b -> b.tableName("t").keyConditionExpression("PK = :p")
        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("T"))));
    assertEquals(before, DryRun.notSent());
    assertTrue(received.contains("DynamoDB_20120810.GetItem"), "the read reached the endpoint: " + received);
    assertTrue(received.contains("DynamoDB_20120810.Query"), "the read reached the endpoint: " + received);
  }

  @Test
  void aDryInvocationLogsNothingCountsNoMetricAndEndsQuietlyAtItsFirstWrite() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Log.to(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      DryRun.invoke(() -> {
        Log.info("work done", "n", 1);
        dry.metrics().count(se.bidrag.metrics.Metric.EMAILS_SENT, "g", 1);
        dry.dynamoDb().putItem(b -> b.tableName("t").item(KEY));
      });
      Log.info("after");
    } finally {
      Log.to(System.out);
    }
    String lines = out.toString(StandardCharsets.UTF_8);
    assertTrue(lines.contains("\"after\"") && !lines.contains("work done"), lines);
    assertSame(BusinessMetrics.NONE, dry.metrics());
    assertTrue(dry.isDry());
  }
}
