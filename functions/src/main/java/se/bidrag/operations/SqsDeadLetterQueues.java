package se.bidrag.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The failure queues on SQS: depth from {@code GetQueueAttributes}, redrive by
 * {@code StartMessageMoveTask} (SQS moves the messages back to the queue whose redrive policy names
 * this one). Configured as {@code Name=url} pairs, space-separated; the redrivable ones in a second list.
 */
final class SqsDeadLetterQueues implements DeadLetterQueues {
  static final Map<String, String> SOURCES = Map.of(
      "EmailDeadLetterQueue", "E-post som inte kunde skickas",
      "PaymentDeadLetterQueue", "Betalningsuppdrag till betalfilen",
      "InvoicingDeadLetterQueue", "Fakturering",
      "SesEventDeadLetterQueue", "Händelser från e-posttjänsten (studsar, klagomål)",
      "ScheduleDeadLetterQueue", "Schemalagda körningar som inte kunde startas",
      "ScheduledJobFailureQueue", "Schemalagda jobb som misslyckades efter omförsök");

  private final SqsClient sqs;
  private final Map<String, String> urls;
  private final List<String> redrivable;

  SqsDeadLetterQueues(SqsClient sqs, String queues, String redrivable) {
    this.sqs = sqs;
    this.urls = new LinkedHashMap<>();
    for (String pair : queues.trim().split("\\s+")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        urls.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    this.redrivable = List.of(redrivable.trim().split("\\s+"));
  }

  @Override
  public List<Queue> list() {
    List<Queue> out = new ArrayList<>();
    urls.keySet().forEach(name -> out.add(queue(name, attributes(name))));
    return out;
  }

  @Override
  public Optional<Queue> find(String name) {
    return urls.containsKey(name) ? Optional.of(queue(name, attributes(name))) : Optional.empty();
  }

  @Override
  public long redrive(Queue queue) {
    String arn = attributes(queue.name()).attributes().get(QueueAttributeName.QUEUE_ARN);
    sqs.startMessageMoveTask(t -> t.sourceArn(arn));
    return queue.depth();
  }

  private GetQueueAttributesResponse attributes(String name) {
    return sqs.getQueueAttributes(a -> a.queueUrl(urls.get(name))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.QUEUE_ARN));
  }

  private Queue queue(String name, GetQueueAttributesResponse a) {
    long depth = Long.parseLong(a.attributes().getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
    return new Queue(name, SOURCES.getOrDefault(name, name), depth, redrivable.contains(name));
  }
}
