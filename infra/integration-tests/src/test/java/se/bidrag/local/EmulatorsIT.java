package se.bidrag.local;

import se.bidrag.testkit.LocalStackExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.platform.Items;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Each emulator, reached through the same AWS SDK v2 clients the functions build (Platform). */
@ExtendWith(LocalStackExtension.class)
class EmulatorsIT {

  @Test
  void dynamoDbLocalEnforcesConditionalWritesAndTransactions(LocalRuntime runtime) {
    var db = runtime.platform().dynamoDb();
    String table = runtime.table("BidragTable");
    db.putItem(p -> p.tableName(table).item(Map.of("PK", Items.s("T#1"), "SK", Items.s("A"), "n", Items.n(1)))
        .conditionExpression("attribute_not_exists(PK)"));
    assertThrows(ConditionalCheckFailedException.class, () -> db.putItem(p -> p.tableName(table)
        .item(Map.of("PK", Items.s("T#1"), "SK", Items.s("A"), "n", Items.n(2))).conditionExpression("attribute_not_exists(PK)")));
    TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> db.transactWriteItems(t -> t
        .transactItems(
            TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("PK", Items.s("T#1"), "SK", Items.s("B"))).build()).build(),
            TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("PK", Items.s("T#1"), "SK", Items.s("A"))).conditionExpression("attribute_not_exists(PK)")
                .build()).build())));
    assertEquals(List.of("None", "ConditionalCheckFailed"), se.bidrag.platform.Table.reasonCodes(e));
    assertTrue(db.getItem(g -> g.tableName(table).key(Items.key("T#1", "B"))).item().isEmpty(), "nothing of it was written");
    assertEquals("1", db.getItem(g -> g.tableName(table).key(Items.key("T#1", "A"))).item().get("n").n());
  }

  @Test
  void elasticMqDeduplicatesFifoMessages(LocalRuntime runtime) {
    var sqs = runtime.platform().sqs();
    String url = sqs.createQueue(c -> c.queueName("emulator-test.fifo")
        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
    try {
      for (int i = 0; i < 2; i++) {
        sqs.sendMessage(m -> m.queueUrl(url).messageBody("order-1").messageGroupId("run-1").messageDeduplicationId("order-1"));
      }
      List<Message> got = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10)).messages();
      assertEquals(1, got.size(), "the second send with the same deduplication id is dropped");
    } finally {
      sqs.deleteQueue(d -> d.queueUrl(url));
    }
  }

  @Test
  void theSesEmulatorReceivesMailSentThroughTheSdk(LocalRuntime runtime) {
    runtime.emulators().allowSender("bidrag@socialstyrelsen.se");
    runtime.platform().ses().sendEmail(s -> s.source("bidrag@socialstyrelsen.se")
        .destination(d -> d.toAddresses("registrator@example.se"))
        .message(m -> m.subject(c -> c.data("Återrapportering").charset("UTF-8"))
            .body(b -> b.text(c -> c.data("Hej!").charset("UTF-8")))));
    List<Mailbox.Mail> mail = runtime.emulators().mailbox().all();
    assertEquals(1, mail.size());
    assertEquals("Återrapportering", mail.get(0).subject());
    assertEquals(List.of("registrator@example.se"), mail.get(0).to());
    assertEquals("Hej!", mail.get(0).text().trim());
  }
}
