package se.bidrag.local;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import se.bidrag.json.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The operator's view of the local queues: how many messages wait where, and the dead-letter redrive
 * that follows a dead-letter alarm once its cause is mended.
 */
public final class DeadLetters {
  private final SqsClient sqs;
  private final Provisioner.Provisioned resources;
  private final LocalScheduler scheduler;

  DeadLetters(SqsClient sqs, Provisioner.Provisioned resources, LocalScheduler scheduler) {
    this.sqs = sqs;
    this.resources = resources;
    this.scheduler = scheduler;
  }

  /**
   * What an operator does when a dead-letter alarm fires, once the cause is mended: moves every
   * message in a queue's dead-letter queue back to that queue (SQS "redrive"; FIFO messages keep their
   * group), and runs each failed scheduled invocation again from the schedule's dead-letter queue.
   * Returns how many dead letters were redriven (a scheduled run that fails again goes back).
   */
  public int redriveAll() {
    int moved = 0;
    Set<String> scheduleQueues = new HashSet<>();
    scheduler.schedules().forEach(s -> {
      String dlq = scheduler.deadLetterQueueUrl(s.name());
      if (dlq != null) {
        scheduleQueues.add(dlq);
      }
    });
    for (String source : resources.queueUrls().values()) {
      String policy = sqs.getQueueAttributes(g -> g.queueUrl(source)
          .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
          .get(QueueAttributeName.REDRIVE_POLICY);
      if (policy == null || policy.isBlank()) {
        continue;
      }
      String dlq;
      try {
        dlq = resources.queueUrlByArn(Json.parse(policy).path("deadLetterTargetArn").asText());
      } catch (IOException e) {
        throw new IllegalStateException("bad redrive policy on " + source + ": " + policy, e);
      }
      boolean fifo = source.endsWith(".fifo");
      for (var m : drain(dlq)) {
        String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        sqs.sendMessage(x -> {
          x.queueUrl(source).messageBody(m.body());
          if (fifo) {
            x.messageGroupId(group == null ? "redrive" : group).messageDeduplicationId("redrive-" + m.messageId());
          }
        });
        sqs.deleteMessage(d -> d.queueUrl(dlq).receiptHandle(m.receiptHandle()));
        moved++;
      }
    }
    for (String dlq : scheduleQueues) {
      for (var m : drain(dlq)) {
        try {
          var body = Json.parse(m.body());
          Map<String, Object> input = Json.MAPPER.convertValue(body.path("input"),
              new TypeReference<Map<String, Object>>() {});
          if (scheduler.redrive(body.path("schedule").asText(), input)) {
            sqs.deleteMessage(d -> d.queueUrl(dlq).receiptHandle(m.receiptHandle()));
            moved++;
          } else {
            sqs.changeMessageVisibility(c -> c.queueUrl(dlq).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
          }
        } catch (IOException e) {
          throw new IllegalStateException("not a schedule dead letter: " + m.body(), e);
        }
      }
    }
    return moved;
  }

  /** Receives every visible message of a queue (they stay in flight until deleted or made visible again). */
  private List<Message> drain(String queueUrl) {
    List<Message> all = new ArrayList<>();
    while (true) {
      var batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(60)
          .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID))
          .messages();
      if (batch.isEmpty()) {
        return all;
      }
      all.addAll(batch);
    }
  }

  /** Messages waiting in every queue (visible and in flight), by logical id; empty queues left out. */
  public Map<String, Long> depths() {
    Map<String, Long> out = new TreeMap<>();
    resources.queueUrls().forEach((id, url) -> {
      var a = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
          .attributes();
      long n = Long.parseLong(a.getOrDefault(QueueAttributeName
          .APPROXIMATE_NUMBER_OF_MESSAGES, "0")) + Long.parseLong(a.getOrDefault(
          QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
      if (n > 0) {
        out.put(id, n);
      }
    });
    return out;
  }
}
