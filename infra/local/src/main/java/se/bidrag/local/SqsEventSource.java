package se.bidrag.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.bidrag.platform.Log;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS event source mapping, locally: receives up to BatchSize messages, invokes the function
 * with an {@link SQSEvent}, deletes what succeeded. With ReportBatchItemFailures only the reported
 * items are retried; if the function throws, the whole batch is. A retried message becomes visible
 * again after the queue's VisibilityTimeout, as on AWS (or after {@code retryDelaySeconds} when the
 * local stack is told to shorten it), and ElasticMQ moves it to the dead-letter queue once it has been
 * received maxReceiveCount times. Up to {@code ScalingConfig.MaximumConcurrency} invocations run at once
 * while messages wait ({@link #maximumConcurrency()}; the local runtime runs that many pollers).
 */
public final class SqsEventSource {
  private final LocalFunction function;
  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final int batchSize;
  private final boolean reportBatchItemFailures;
  private final Integer retryDelaySeconds;
  private final int maximumConcurrency;

  /** Without ScalingConfig, Lambda scales a standard queue's pollers up from five; locally that is the cap. */
  static final int DEFAULT_CONCURRENCY = 5;

  SqsEventSource(LocalFunction function, SqsClient sqs, String queueUrl, String queueArn, int batchSize,
      boolean reportBatchItemFailures, Integer retryDelaySeconds, int maximumConcurrency) {
    this.function = function;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = queueArn;
    this.batchSize = batchSize;
    this.reportBatchItemFailures = reportBatchItemFailures;
    this.retryDelaySeconds = retryDelaySeconds;
    this.maximumConcurrency = maximumConcurrency;
  }

  /** How many invocations of this source may run at once (the event source's MaximumConcurrency). */
  public int maximumConcurrency() {
    return maximumConcurrency;
  }

  /** One poller's loop while messages are visible: polls until a receive comes back empty; returns how many it got. */
  int drain() {
    int total = 0;
    for (int n = pollOnce(0); n > 0; n = pollOnce(0)) {
      total += n;
    }
    return total;
  }

  public String queueUrl() {
    return queueUrl;
  }

  public LocalFunction function() {
    return function;
  }

  /** Receives one batch (waiting up to waitSeconds for one) and delivers it; returns how many messages it got. */
  public int pollOnce(int waitSeconds) {
    List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(Math.min(10, batchSize))
        .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
        .messageAttributeNames("All")).messages();
    if (messages.isEmpty()) {
      return 0;
    }
    Set<String> failed = new HashSet<>();
    try {
      Object response = function.invoke(event(messages), "SQS " + function.name());
      if (reportBatchItemFailures && response instanceof SQSBatchResponse batch && batch.getBatchItemFailures() != null) {
        batch.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
      }
    } catch (RuntimeException e) {
      Log.warn("local SQS batch failed; every message will be retried", "function", function.name(),
          "error", String.valueOf(e));
      messages.forEach(m -> failed.add(m.messageId()));
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        if (retryDelaySeconds != null) { // else it stays invisible for the queue's VisibilityTimeout, as on AWS
          sqs.changeMessageVisibility(c -> c.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
              .visibilityTimeout(retryDelaySeconds));
        }
      } else {
        done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
            .receiptHandle(m.receiptHandle()).build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(d -> d.queueUrl(queueUrl).entries(done));
    }
    return messages.size();
  }

  /** Messages still in the queue: visible plus in flight. */
  public long pending() {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
    return a.values().stream().mapToLong(Long::parseLong).sum();
  }

  private SQSEvent event(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : messages) {
      SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
      r.setMessageId(m.messageId());
      r.setReceiptHandle(m.receiptHandle());
      r.setBody(m.body());
      r.setMd5OfBody(m.md5OfBody());
      r.setMd5OfMessageAttributes(m.md5OfMessageAttributes());
      Map<String, String> attributes = new HashMap<>();
      m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
      r.setAttributes(attributes);
      Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
      m.messageAttributes().forEach((k, v) -> {
        SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
        a.setDataType(v.dataType());
        a.setStringValue(v.stringValue());
        messageAttributes.put(k, a);
      });
      r.setMessageAttributes(messageAttributes);
      r.setEventSource("aws:sqs");
      r.setEventSourceArn(queueArn);
      r.setAwsRegion(queueArn.split(":")[3]);
      records.add(r);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }
}
