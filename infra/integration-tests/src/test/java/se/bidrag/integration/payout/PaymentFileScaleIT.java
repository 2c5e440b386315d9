package se.bidrag.integration.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.access.Caller;
import se.bidrag.json.Json;
import se.bidrag.local.LocalRuntime;
import se.bidrag.payout.DynamoPaymentFileStore;
import se.bidrag.payout.DynamoPayoutBatches;
import se.bidrag.payout.PaymentFileStore;
import se.bidrag.payout.PaymentOrder;
import se.bidrag.payout.PayoutBatch;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A payout batch of 10 000 orders files within PaymentFileFunction's limits: the batch's closing message,
 * through the payment queue and the function on the local stack, writes one file of 10 000 transactions and
 * marks the orders filed in transactions of 100; the first delivery dies after 49 of them (an injected
 * failure), the message is delivered again, and the run ends with every order filed exactly once and in the
 * file exactly once. The orders' records are seeded straight into the table (as the order messages would
 * leave them), so the test measures the closing step, the one that grows with the batch.
 */
@ExtendWith(LocalStackExtension.class)
class PaymentFileScaleIT {
  private static final String GRANT = "god-och-nara-vard-2025";
  private static final String RUN = "20250418T060000-scale";
  private static final int ORDERS = 10_000;

  @Test
  void tenThousandOrdersFileOnceEvenWhenTheFirstTryDiesHalfWay(LocalRuntime runtime) throws Exception {
    DynamoDbClient db = runtime.platform().dynamoDb();
    String table = runtime.table("BidragTable");
    Instant now = Instant.parse("2025-04-18T04:00:00Z");
    List<PaymentOrder> orders = new ArrayList<>();
    long total = 0;
    for (int i = 1; i <= ORDERS; i++) {
      long amount = 1_000 + i * 7L;
      orders.add(new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REQUISITION, String.format("enhet-%05d", i)), GRANT,
          String.format("enhet-%05d", i), "2120000019", "Enhet " + i, PaymentOrder.Kind.REQUISITION, amount, "50501055",
          RUN, PaymentOrder.Status.SENT, now));
      total += amount;
    }
    long t0 = System.nanoTime();
    seed(db, table, orders);
    DynamoPayoutBatches batches = new DynamoPayoutBatches(db, table);
    batches.open(GRANT, RUN, Caller.system("payout"), now);
    PayoutBatch b = batches.find(GRANT, RUN).orElseThrow();
    assertTrue(batches.propose(b, ORDERS, total, List.of(), now));
    assertEquals(DynamoPayoutBatches.Outcome.DONE, batches.approve(batches.find(GRANT, RUN).orElseThrow(),
        Caller.described("2021000555/attestant/attestant-1"), "ATT-20250418-scale", now.plusSeconds(600)));
    System.out.printf("PaymentFileScaleIT: %d orders seeded in %.1f s%n", ORDERS, (System.nanoTime() - t0) / 1e9);

    AtomicInteger transactions = new AtomicInteger();
    LocalStackExtension.FAULTS.arm((service, operation, request) -> operation.equals("TransactWriteItems")
        && transactions.incrementAndGet() == 50 ? SdkClientException.create("injected: the 50th transaction dies") : null);
    String close = Json.write(Json.object().put("type", "close").put("grantId", GRANT).put("runId", RUN)
        .put("orders", ORDERS).put("total", total));
    long t1 = System.nanoTime();
    runtime.platform().sqs().sendMessage(m -> m.queueUrl(runtime.queueUrl("PaymentQueue")).messageGroupId(RUN)
        .messageDeduplicationId(GRANT + ":close:" + RUN + ":" + ORDERS).messageBody(close));
    runtime.deliverQueues(Duration.ofSeconds(300));
    double seconds = (System.nanoTime() - t1) / 1e9;
    LocalStackExtension.FAULTS.disarm();
    System.out.printf("PaymentFileScaleIT: the closing message of %d orders took %.1f s on the local stack "
        + "(two deliveries, the first dying at the 50th of 100 transactions; %d TransactWriteItems calls)%n", ORDERS,
        seconds, transactions.get());

    assertTrue(transactions.get() >= 100 + 50, "the first delivery died half-way and a second one finished: "
        + transactions.get());
    PaymentFileStore.PaymentFile file = new DynamoPaymentFileStore(db, table).file(GRANT, RUN).orElseThrow();
    assertEquals(ORDERS, file.orders());
    assertEquals(total, file.total());
    String xml = new String(file.xml(), StandardCharsets.UTF_8);
    Map<String, Integer> inFile = new HashMap<>();
    Matcher m = Pattern.compile("<EndToEndId>([^<]+)</EndToEndId>").matcher(xml);
    while (m.find()) {
      inFile.merge(m.group(1), 1, Integer::sum);
    }
    assertEquals(ORDERS, inFile.size(), "every order in the file");
    assertTrue(inFile.values().stream().allMatch(n -> n == 1), "no order twice in the file");
    Map<String, Integer> statuses = new HashMap<>();
    for (var item : se.bidrag.platform.Table.queryPrefix(db, table, "GRANT#" + GRANT, "PAY#")) {
      statuses.merge(item.get("status").s(), 1, Integer::sum);
    }
    assertEquals(Map.of("FILED", ORDERS), statuses, "every order filed");
    assertEquals(PayoutBatch.State.FILED, batches.find(GRANT, RUN).orElseThrow().state());
    assertEquals(0, runtime.queueDepths().getOrDefault("PaymentDeadLetterQueue", 0L));
    System.out.printf("PaymentFileScaleIT: file %.1f MB of XML%n", file.xml().length / 1e6);
  }

  /** The orders as the payout leaves them (GRANT#g / PAY#id, status SENT) and as the order messages record them. */
  private static void seed(DynamoDbClient db, String table, List<PaymentOrder> orders) {
    DynamoPaymentFileStore files = new DynamoPaymentFileStore(db, table);
    List<WriteRequest> writes = new ArrayList<>();
    for (PaymentOrder o : orders) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", AttributeValue.fromS("GRANT#" + o.grantId()));
      item.put("SK", AttributeValue.fromS("PAY#" + o.orderId()));
      item.put("type", AttributeValue.fromS("payment-order"));
      item.put("orderId", AttributeValue.fromS(o.orderId()));
      item.put("grantId", AttributeValue.fromS(o.grantId()));
      item.put("recipientId", AttributeValue.fromS(o.recipientId()));
      item.put("orgnr", AttributeValue.fromS(o.orgnr()));
      item.put("name", AttributeValue.fromS(o.name()));
      item.put("kind", AttributeValue.fromS(o.kind().name()));
      item.put("amount", AttributeValue.fromN(Long.toString(o.amount())));
      item.put("bankgiro", AttributeValue.fromS(o.bankgiro()));
      item.put("runId", AttributeValue.fromS(o.runId()));
      item.put("status", AttributeValue.fromS(o.status().name()));
      item.put("createdAt", AttributeValue.fromS(o.createdAt().toString()));
      item.put("GSI1PK", AttributeValue.fromS("PAYORDER#" + o.grantId() + "#" + o.status().name()));
      item.put("GSI1SK", AttributeValue.fromS(o.runId() + "#" + o.orderId()));
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      Map<String, AttributeValue> record = new HashMap<>();
      record.put("PK", AttributeValue.fromS("PAYFILE#" + o.grantId() + "#" + o.runId()));
      record.put("SK", AttributeValue.fromS("ORDER#" + o.orderId()));
      record.put("type", AttributeValue.fromS("payment-file-order"));
      record.put("order", AttributeValue.fromS(Json.write(o.toJson())));
      writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(record).build()).build());
    }
    for (int i = 0; i < writes.size(); i += 25) {
      List<WriteRequest> chunk = writes.subList(i, Math.min(writes.size(), i + 25));
      var left = db.batchWriteItem(w -> w.requestItems(Map.of(table, chunk))).unprocessedItems();
      assertTrue(left.isEmpty(), "DynamoDB Local processes every item");
    }
    assertTrue(files.ordersOf(GRANT, RUN).size() == orders.size());
  }
}
