package se.bidrag.integration.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
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
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.access.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.integration.Scenario;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.metrics.BusinessMetrics;
import se.bidrag.payout.DynamoPaymentFileStore;
import se.bidrag.payout.DynamoPayoutBatches;
import se.bidrag.payout.PaymentFileStore;
import se.bidrag.payout.PaymentFiles;
import se.bidrag.payout.PaymentOrder;
import se.bidrag.payout.PayoutBatch;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A payout batch of 10 000 orders files within PaymentFileFunction's limits: the batch's closing message,
 * through the payment queue and the function on the local stack, writes one file of 10 000 transactions and
 * marks the orders filed in transactions of 100; the first delivery dies after 49 of them (an injected
 * failure), the message is delivered again, and the run ends with every order filed exactly once and in the
 * file exactly once. The orders' records are seeded straight into the table (as the order messages would
 * leave them), so the test measures the closing step, the one that grows with the batch.
 *
 * <p>Under a limit of 2 500 transactions per file (the PaymentFileMaxTransactions parameter, on a runtime of its
 * own) the same run is paid in four parts of 2 500: each a valid pain.001 of its own, together every order once,
 * written once although the first delivery dies writing the third part, and closing again writes nothing.
 */
@ExtendWith(LocalStackExtension.class)
class PaymentFileScaleIT {
  private static final String GRANT = "god-och-nara-vard-2025";
  private static final String RUN = "20250418T060000-scale";
  private static final int ORDERS = 10_000;

  static final Instant NOW = Instant.parse("2025-04-18T04:00:00Z");

  /** The run's orders seeded and its batch approved; their total. */
  static long approvedRun(DynamoDbClient db, String table, String run) {
    List<PaymentOrder> orders = new ArrayList<>();
    long total = 0;
    for (int i = 1; i <= ORDERS; i++) {
      long amount = 1_000 + i * 7L;
      orders.add(new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REQUISITION, String.format("enhet-%05d", i)), GRANT,
          String.format("enhet-%05d", i), "2120000019", "Enhet " + i, PaymentOrder.Kind.REQUISITION, amount, "50501055",
          run, PaymentOrder.Status.SENT, NOW));
      total += amount;
    }
    long t0 = System.nanoTime();
    seed(db, table, orders);
    DynamoPayoutBatches batches = new DynamoPayoutBatches(db, table);
    batches.open(GRANT, run, Caller.system("payout"), NOW);
    PayoutBatch b = batches.find(GRANT, run).orElseThrow();
    assertTrue(batches.propose(b, ORDERS, total, List.of(), NOW));
    assertEquals(DynamoPayoutBatches.Outcome.DONE, batches.approve(batches.find(GRANT, run).orElseThrow(),
        Caller.described("2021000555/attestant/attestant-1"), "ATT-20250418-scale", NOW.plusSeconds(600)));
    System.out.printf("PaymentFileScaleIT: %d orders seeded in %.1f s%n", ORDERS, (System.nanoTime() - t0) / 1e9);
    return total;
  }

  static void sendClose(LocalRuntime runtime, String run, long total, String attempt) {
    String close = Json.write(Json.object().put("type", "close").put("grantId", GRANT).put("runId", run)
        .put("orders", ORDERS).put("total", total));
    runtime.platform().sqs().sendMessage(m -> m.queueUrl(runtime.queueUrl("PaymentQueue")).messageGroupId(run)
        .messageDeduplicationId(GRANT + ":close:" + run + ":" + ORDERS + attempt).messageBody(close));
  }

  @Test
  void tenThousandOrdersFileOnceEvenWhenTheFirstTryDiesHalfWay(LocalRuntime runtime) throws Exception {
    DynamoDbClient db = runtime.platform().dynamoDb();
    String table = runtime.table("BidragTable");
    long total = approvedRun(db, table, RUN);
    DynamoPayoutBatches batches = new DynamoPayoutBatches(db, table);

    AtomicInteger transactions = new AtomicInteger();
    LocalStackExtension.FAULTS.arm((service, operation, request) -> operation.equals("TransactWriteItems")
        && transactions.incrementAndGet() == 51 ? SdkClientException.create("injected: the 51st transaction dies") : null);
    long t1 = System.nanoTime();
    sendClose(runtime, RUN, total, "");
    runtime.deliverQueues(Duration.ofSeconds(300));
    double seconds = (System.nanoTime() - t1) / 1e9;
    LocalStackExtension.FAULTS.disarm();
    System.out.printf("PaymentFileScaleIT: the closing message of %d orders in one file took %.1f s on the local stack "
        + "(two deliveries, the first dying at the 50th of 100 marking transactions; %d TransactWriteItems calls)%n",
        ORDERS, seconds, transactions.get());

    assertTrue(transactions.get() >= 1 + 50 + 1 + 100, "the first delivery (the file's transaction, then 50 marking) "
        + "died half-way and a second one finished: " + transactions.get());
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

    // the file through the API: too large for one plain Lambda answer (6 MB), so gzipped, as browsers ask for it
    Scenario sc = new Scenario(runtime);
    String path = "/grants/" + GRANT + "/payment-files/" + RUN;
    Http.Response plain = sc.http.get(path, sc.handlaggare);
    assertEquals(406, plain.status(), plain.body());
    assertEquals("Accept-Encoding", plain.json().path("errors").get(0).path("field").asText(), plain.body());
    Http.Response gzipped = sc.http.send("GET", path, sc.handlaggare, null, Map.of("Accept-Encoding", "gzip, deflate"));
    assertEquals(200, gzipped.status());
    assertEquals("gzip", gzipped.header("Content-Encoding"));
    assertTrue(gzipped.bytes().length < file.xml().length / 10, "gzipped: " + gzipped.bytes().length);
    try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzipped.bytes()))) {
      assertTrue(java.util.Arrays.equals(file.xml(), in.readAllBytes()), "the same bytes as the stored file");
    }
    assertEquals(file.sha256(), gzipped.header("X-Sha256"));
  }

  @Test
  void underALimitOf2500TheRunIsPaidInFourPartsWrittenOnceEvenWhenTheFirstTryDiesAtTheThird() throws Exception {
    String run = "20250418T060000-split";
    try (LocalRuntime runtime = LocalStackExtension.options().parameter("PaymentFileMaxTransactions", "2500").start()) {
      assertEquals("2500", runtime.function("PaymentFileFunction").environment().get("PAYMENT_FILE_MAX_TRANSACTIONS"));
      DynamoDbClient db = runtime.platform().dynamoDb();
      String table = runtime.table("BidragTable");
      long total = approvedRun(db, table, run);
      AtomicInteger partPuts = new AtomicInteger();
      AtomicInteger thirdPartTries = new AtomicInteger();
      LocalStackExtension.FAULTS.arm((service, operation, request) -> {
        if (request instanceof TransactWriteItemsRequest t && t.transactItems().get(0).put() != null
            && t.transactItems().get(0).put().item().get("SK").s().startsWith("FILE#")) {
          partPuts.incrementAndGet();
          if (t.transactItems().get(0).put().item().get("SK").s().equals("FILE#0003")
              && thirdPartTries.incrementAndGet() == 1) {
            return SdkClientException.create("injected: writing the third part dies");
          }
        }
        return null;
      });
      long t1 = System.nanoTime();
      sendClose(runtime, run, total, "");
      runtime.deliverQueues(Duration.ofSeconds(300));
      double seconds = (System.nanoTime() - t1) / 1e9;
      LocalStackExtension.FAULTS.disarm();
      System.out.printf("PaymentFileScaleIT: the closing message of %d orders in 4 parts of 2 500 took %.1f s on the "
          + "local stack (two deliveries, the first dying at the third part; %d part writes tried)%n", ORDERS, seconds,
          partPuts.get());
      assertEquals(3 + 4, partPuts.get(), "the first delivery tried parts 1 to 3, the second all four (1 and 2 there)");

      DynamoPaymentFileStore store = new DynamoPaymentFileStore(db, table);
      List<PaymentFileStore.PaymentFile> parts = store.files(GRANT);
      assertEquals(4, parts.size());
      assertTrue(store.file(GRANT, run, 5).isEmpty());
      javax.xml.validation.Schema schema = OfficialSchemas.pain001();
      List<String> inParts = new ArrayList<>();
      long sum = 0;
      for (int p = 1; p <= 4; p++) {
        PaymentFileStore.PaymentFile f = parts.get(p - 1);
        assertEquals(f.sha256(), store.file(GRANT, run, p).orElseThrow().sha256());
        assertEquals(List.of(p, 4, 2_500, run + "-" + p), List.of(f.part(), f.parts(), f.orders(), f.messageId()));
        assertEquals(OfficialSchemas.sha256(f.xml()), f.sha256());
        schema.newValidator().validate(new StreamSource(new ByteArrayInputStream(f.xml())));
        String xml = new String(f.xml(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<MsgId>" + run + "-" + p + "</MsgId>"), "its own message id");
        assertTrue(xml.contains("<NbOfTxs>2500</NbOfTxs>") && xml.contains("<CtrlSum>" + f.total() + ".00</CtrlSum>"));
        Matcher m = Pattern.compile("<EndToEndId>([^<]+)</EndToEndId>").matcher(xml);
        while (m.find()) {
          inParts.add(m.group(1));
        }
        sum += f.total();
      }
      assertEquals(total, sum, "the parts add up to the run");
      assertEquals(ORDERS, inParts.size());
      assertEquals(ORDERS, inParts.stream().distinct().count(), "every order in one part, once");
      assertEquals(inParts.stream().sorted().toList(), inParts, "contiguous chunks in order-id order");
      Map<String, Integer> statuses = new HashMap<>();
      for (var item : se.bidrag.platform.Table.queryPrefix(db, table, "GRANT#" + GRANT, "PAY#")) {
        statuses.merge(item.get("status").s(), 1, Integer::sum);
      }
      assertEquals(Map.of("FILED", ORDERS), statuses, "every order filed");
      assertEquals(PayoutBatch.State.FILED, new DynamoPayoutBatches(db, table).find(GRANT, run).orElseThrow().state());

      partPuts.set(0);
      LocalStackExtension.FAULTS.arm((service, operation, request) -> {
        if (request instanceof TransactWriteItemsRequest t && t.transactItems().get(0).put() != null) {
          partPuts.incrementAndGet();
        }
        return null;
      });
      long t2 = System.nanoTime();
      sendClose(runtime, run, total, ":again");
      runtime.deliverQueues(Duration.ofSeconds(300));
      LocalStackExtension.FAULTS.disarm();
      System.out.printf("PaymentFileScaleIT: closing the split run again took %.1f s (nothing written)%n",
          (System.nanoTime() - t2) / 1e9);
      assertEquals(4, partPuts.get(), "each part tried once more");
      List<PaymentFileStore.PaymentFile> again = store.files(GRANT);
      assertEquals(parts.stream().map(PaymentFileStore.PaymentFile::sha256).toList(),
          again.stream().map(PaymentFileStore.PaymentFile::sha256).toList(), "the same four files, byte for byte");
      assertEquals(parts.stream().map(f -> f.createdAt()).toList(), again.stream().map(f -> f.createdAt()).toList());
      assertEquals(0, runtime.queueDepths().getOrDefault("PaymentDeadLetterQueue", 0L));

      // the API: the listing shows the parts, ?part= serves one, and without it a run in parts is refused
      Scenario sc = new Scenario(runtime);
      String g = "/grants/" + GRANT + "/payment-files";
      JsonNode listed = sc.http.get(g, sc.handlaggare).json().path("files");
      assertEquals(4, listed.size(), listed.toString());
      long listedTotal = 0;
      for (int p = 1; p <= 4; p++) {
        JsonNode l = listed.get(p - 1);
        assertEquals(List.of(run, p, 4, run + "-" + p, 2_500, parts.get(p - 1).sha256()), List.of(l.path("runId").asText(),
            l.path("part").asInt(), l.path("parts").asInt(), l.path("messageId").asText(), l.path("orders").asInt(),
            l.path("sha256").asText()));
        assertEquals(g + "/" + run + "?part=" + p, l.path("href").asText());
        listedTotal += l.path("total").asLong();
        Http.Response r = sc.http.get(l.path("href").asText(), sc.handlaggare);
        assertEquals(200, r.status(), r.body());
        assertEquals(parts.get(p - 1).sha256(), r.header("X-Sha256"));
        assertEquals(parts.get(p - 1).sha256(), OfficialSchemas.sha256(r.bytes()));
        assertTrue(r.header("Content-Disposition").contains("pain001-" + run + "-" + p + ".xml"), r.header("Content-Disposition"));
      }
      assertEquals(total, listedTotal);
      Http.Response whole = sc.http.get(g + "/" + run, sc.handlaggare);
      assertEquals(400, whole.status(), whole.body());
      assertEquals("part", whole.json().path("errors").path(0).path("field").asText(), whole.body());
      Http.Response fifth = sc.http.get(g + "/" + run + "?part=5", sc.handlaggare);
      assertEquals(404, fifth.status(), fifth.body());
      assertTrue(fifth.body().contains("part"), fifth.body());
      assertEquals(400, sc.http.get(g + "/" + run + "?part=0", sc.handlaggare).status());
      System.out.printf("PaymentFileScaleIT: 4 parts, %.1f MB of XML%n",
          parts.stream().mapToLong(f -> f.xml().length).sum() / 1e6);
    }
  }

  /**
   * On demand ({@code -Dbidrag.paymentfiles.timing=true}): two runs of 10 000 orders closed in this JVM, with no
   * fault, one in one file and one in four parts of 2 500, to compare the time closing takes.
   */
  @Test
  @EnabledIfSystemProperty(named = "bidrag.paymentfiles.timing", matches = "true")
  void closingTenThousandOrdersSplitAndUnsplitTakesAboutTheSameTime(LocalRuntime runtime) {
    DynamoDbClient db = runtime.platform().dynamoDb();
    String table = runtime.table("BidragTable");
    DynamoPaymentFileStore store = new DynamoPaymentFileStore(db, table);
    for (int limit : new int[] {2_500, 10_000, 2_500, 10_000}) {
      String run = "20250418T060000-t" + limit + "-" + System.nanoTime() % 10_000;
      long total = approvedRun(db, table, run);
      PaymentFiles files = new PaymentFiles(GrantCatalog.bundled(), store, "5050-1055", null, BusinessMetrics.NONE, limit);
      long t0 = System.nanoTime();
      int written = files.closeParts(GRANT, run, ORDERS, total);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      assertEquals(0, files.closeParts(GRANT, run, ORDERS, total));
      System.out.printf("PaymentFileScaleIT timing: %d orders, limit %d: %d file(s) written, closing took %.1f s, "
          + "closing again %.1f s%n", ORDERS, limit, written, seconds, (System.nanoTime() - t1) / 1e9);
    }
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
    assertTrue(files.ordersOf(GRANT, orders.get(0).runId()).size() == orders.size());
  }
}
