package se.bidrag.integration.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The failure queues over the API (the console's Felköer): the agency lists them with their depth; a
 * handläggare redrives a dead-letter queue (SQS StartMessageMoveTask: the messages go back to their
 * source queue), audited; a scheduled job's failure queue is not moved (409), an unknown queue is 404,
 * an attestant may look but not redrive.
 */
@ExtendWith(LocalStackExtension.class)
class DeadLetterRoutesIT {

  private static long depth(LocalRuntime runtime, String queue) {
    return Long.parseLong(runtime.platform().sqs().getQueueAttributes(a -> a.queueUrl(runtime.queueUrl(queue))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  private static JsonNode queue(JsonNode list, String name) {
    for (JsonNode q : list.path("queues")) {
      if (q.path("name").asText().equals(name)) {
        return q;
      }
    }
    throw new AssertionError("no queue " + name + " in " + list);
  }

  @Test
  void theAgencySeesTheFailureQueuesAndRedrivesOneAudited(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime);
    Http http = new Http(runtime.api().uri());
    runtime.platform().sqs().sendMessage(m -> m.queueUrl(runtime.queueUrl("SesEventDeadLetterQueue"))
        .messageBody("{\"eventType\":\"Delivery\",\"mail\":{\"messageId\":\"dead-1\"}}"));
    JsonNode list = http.get("/operations/dead-letters", s.attestant).json();
    assertEquals(6, list.path("queues").size(), list.toString());
    assertEquals(1, queue(list, "SesEventDeadLetterQueue").path("depth").asLong());
    assertTrue(queue(list, "SesEventDeadLetterQueue").path("redrivable").asBoolean());
    assertTrue(!queue(list, "ScheduledJobFailureQueue").path("redrivable").asBoolean());

    assertEquals(403, http.post("/operations/dead-letters/SesEventDeadLetterQueue/redrive", s.attestant, null).status(),
        "an attestant looks but does not redrive");
    assertEquals(404, http.post("/operations/dead-letters/NoSuchQueue/redrive", s.handlaggare, null).status());
    Http.Response scheduled = http.post("/operations/dead-letters/ScheduledJobFailureQueue/redrive", s.handlaggare, null);
    assertEquals(409, scheduled.status(), scheduled.body());
    assertTrue(scheduled.json().path("type").asText().endsWith("not-redrivable"));

    Http.Response redriven = http.post("/operations/dead-letters/SesEventDeadLetterQueue/redrive", s.handlaggare, null);
    assertEquals(202, redriven.status(), redriven.body());
    assertEquals(1, redriven.json().path("moved").asLong());
    Http.Response again = http.post("/operations/dead-letters/SesEventDeadLetterQueue/redrive", s.handlaggare, null);
    assertEquals(202, again.status(), "a second redrive at the same instant is recorded too: " + again.body());
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (depth(runtime, "SesEventDeadLetterQueue") > 0 && System.nanoTime() < deadline) {
      LocalRuntimeSleep.ms(100);
    }
    assertEquals(0, depth(runtime, "SesEventDeadLetterQueue"), "the message left the dead-letter queue");
    runtime.deliverQueues(Duration.ofSeconds(30)); // back in SesEventQueue: its consumer takes it
    var audit = runtime.platform().dynamoDb().query(q -> q.tableName(runtime.table("BidragTable"))
        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk",
            software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("AUDIT#dead-letters/SesEventDeadLetterQueue"))))
        .items();
    assertEquals(2, audit.size());
    assertEquals("dead-letters.redriven", audit.get(0).get("action").s());
  }

  /** Waiting for SQS's move task, which runs in the background. */
  static final class LocalRuntimeSleep {
    static void ms(long ms) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
