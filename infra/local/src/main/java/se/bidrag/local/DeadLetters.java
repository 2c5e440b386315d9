package se.bidrag.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The operator's view of the local queues where failures wait, and the redrive that follows an alarm
 * once its cause is mended. Three kinds, each named by what fills it: a queue's {@code dead-letter}
 * queue (its RedrivePolicy), a function's {@code on-failure} destination (EventInvokeConfig: Lambda's
 * invocation records of asynchronous invocations that failed all their tries) and a schedule's
 * {@code schedule-delivery} dead-letter queue (EventBridge Scheduler could not deliver; never filled
 * locally, where delivery does not fail).
 */
public final class DeadLetters {
  /** How many messages of a queue the view shows (the count is always the whole queue's). */
  static final int SHOWN = 50;

  private final SqsClient sqs;
  private final Provisioner.Provisioned resources;
  private final LocalScheduler scheduler;
  private final AsyncInvoker async;
  private final Map<String, LocalFunction> functions;

  DeadLetters(SqsClient sqs, Provisioner.Provisioned resources, LocalScheduler scheduler, AsyncInvoker async,
      Map<String, LocalFunction> functions) {
    this.sqs = sqs;
    this.resources = resources;
    this.scheduler = scheduler;
    this.async = async;
    this.functions = functions;
  }

  /** A failure queue: its logical id, kind, URL, and what it belongs to (source queue, functions, schedules). */
  record FailureQueue(String logicalId, String kind, String url, List<String> of) {}

  /** Every failure queue of the template, by logical id. */
  List<FailureQueue> failureQueues() {
    Map<String, String> idByUrl = new LinkedHashMap<>();
    resources.queueUrls().forEach((id, url) -> idByUrl.put(url, id));
    Map<String, FailureQueue> out = new TreeMap<>();
    for (var e : resources.queueUrls().entrySet()) {
      String dlq = deadLetterQueueOf(e.getValue());
      if (dlq != null) {
        out.put(idByUrl.get(dlq), new FailureQueue(idByUrl.get(dlq), "dead-letter", dlq, List.of(e.getKey())));
      }
    }
    async.onFailureQueues().forEach((url, fns) -> out.put(idByUrl.get(url),
        new FailureQueue(idByUrl.get(url), "on-failure", url, fns)));
    Map<String, List<String>> bySchedule = new TreeMap<>();
    scheduler.deliveryDeadLetterQueues().forEach((schedule, url) ->
        bySchedule.computeIfAbsent(url, u -> new ArrayList<>()).add(schedule));
    bySchedule.forEach((url, schedules) -> out.putIfAbsent(idByUrl.get(url),
        new FailureQueue(idByUrl.get(url), "schedule-delivery", url, schedules)));
    return List.copyOf(out.values());
  }

  /** The dead-letter queue a queue's RedrivePolicy names, or null. */
  private String deadLetterQueueOf(String queueUrl) {
    String policy = sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.REDRIVE_POLICY))
        .attributes().get(QueueAttributeName.REDRIVE_POLICY);
    if (policy == null || policy.isBlank()) {
      return null;
    }
    try {
      return resources.queueUrlByArn(Json.parse(policy).path("deadLetterTargetArn").asText());
    } catch (IOException e) {
      throw new IllegalStateException("bad redrive policy on " + queueUrl + ": " + policy, e);
    }
  }

  /**
   * What an operator does when a dead-letter or on-failure alarm fires, once the cause is mended: moves
   * every message of a dead-letter queue back to its queue (SQS "redrive"; FIFO messages keep their
   * group), and invokes each function of an on-failure record again, asynchronously, with the record's
   * request payload (as {@code aws lambda invoke --invocation-type Event} would; if it fails again, Lambda's
   * retries and a new record follow). Returns how many messages were redriven.
   */
  public int redriveAll() {
    return redrive(null);
  }

  /** As {@link #redriveAll()}, for one failure queue only (its logical id), or for all when null. */
  public int redrive(String only) {
    int moved = 0;
    for (FailureQueue q : failureQueues()) {
      if (only != null && !only.equals(q.logicalId())) {
        continue;
      }
      if (q.kind().equals("dead-letter")) {
        moved += moveBack(q.url(), resources.queueUrls().get(q.of().get(0)));
      } else if (q.kind().equals("on-failure")) {
        moved += invokeAgain(q);
      }
    }
    return moved;
  }

  private int moveBack(String dlq, String source) {
    int moved = 0;
    boolean fifo = source.endsWith(".fifo");
    for (Message m : drain(dlq, 60)) {
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
    return moved;
  }

  private int invokeAgain(FailureQueue q) {
    int moved = 0;
    for (Message m : drain(q.url(), 900)) {
      JsonNode record = InvocationRecord.parse(m.body());
      if (record == null || !InvocationRecord.isRecord(record)) {
        Log.warn("not a Lambda invocation record; left where it is", "queue", q.logicalId(), "messageId", m.messageId());
        sqs.changeMessageVisibility(c -> c.queueUrl(q.url()).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        continue;
      }
      LocalFunction fn = functions.get(async.functionName(record.path("requestContext").path("functionArn").asText()));
      if (fn == null) {
        throw new IllegalStateException(q.logicalId() + ": a record of a function the template does not have: "
            + record.path("requestContext"));
      }
      // the new invocation owns the event now: if it fails again, Lambda's retries and a new record follow
      async.invoke(fn, InvocationRecord.requestPayload(record), "redrive " + q.logicalId());
      sqs.deleteMessage(d -> d.queueUrl(q.url()).receiptHandle(m.receiptHandle()));
      moved++;
    }
    return moved;
  }

  /** Receives every visible message of a queue (they stay in flight for {@code seconds} unless deleted or released). */
  private List<Message> drain(String queueUrl, int seconds) {
    List<Message> all = new ArrayList<>();
    while (all.size() < 10_000) {
      var batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(seconds)
          .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
      if (batch.isEmpty()) {
        break;
      }
      all.addAll(batch);
    }
    return all;
  }

  /**
   * The operator's view ({@code GET /_local/dead-letters}): every failure queue with its kind, what it
   * belongs to, how many messages it holds, and up to {@link #SHOWN} of them (left in the queue).
   */
  public ObjectNode view() {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("queues");
    long total = 0;
    for (FailureQueue q : failureQueues()) {
      ObjectNode o = list.addObject().put("queue", q.logicalId()).put("kind", q.kind());
      ArrayNode of = o.putArray(switch (q.kind()) {
        case "dead-letter" -> "redrivesTo";
        case "on-failure" -> "functions";
        default -> "schedules";
      });
      q.of().forEach(of::add);
      long count = depth(q.url());
      total += count;
      o.put("messages", count);
      ArrayNode items = o.putArray("items");
      List<Message> peeked = drain(q.url(), 5);
      try {
        peeked.stream().map(m -> m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP))
            .filter(java.util.Objects::nonNull).mapToLong(Long::parseLong).min()
            .ifPresentOrElse(t -> o.put("oldestAt", Instant.ofEpochMilli(t).toString()), () -> o.putNull("oldestAt"));
        peeked.stream().limit(SHOWN).forEach(m -> items.add(item(m)));
      } finally {
        peeked.forEach(m -> sqs.changeMessageVisibility(c -> c.queueUrl(q.url()).receiptHandle(m.receiptHandle())
            .visibilityTimeout(0)));
      }
    }
    out.put("total", total);
    return out;
  }

  private static ObjectNode item(Message m) {
    ObjectNode o = Json.object().put("messageId", m.messageId());
    String sent = m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    if (sent != null) {
      o.put("sentAt", Instant.ofEpochMilli(Long.parseLong(sent)).toString());
    }
    String received = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    if (received != null) {
      o.put("receiveCount", Integer.parseInt(received) - 1); // not counting this look
    }
    JsonNode body = InvocationRecord.parse(m.body());
    if (body != null && InvocationRecord.isRecord(body)) {
      JsonNode ctx = body.path("requestContext");
      o.put("function", ctx.path("functionArn").asText().replaceFirst("^.*:function:([^:]+).*$", "$1"))
          .put("condition", ctx.path("condition").asText()).put("approximateInvokeCount",
              ctx.path("approximateInvokeCount").asInt()).put("timestamp", body.path("timestamp").asText())
          .put("errorType", body.path("responsePayload").path("errorType").asText(null))
          .put("errorMessage", body.path("responsePayload").path("errorMessage").asText(null));
      o.set("requestPayload", body.path("requestPayload"));
    } else if (body != null) {
      o.set("body", body);
    } else {
      o.put("body", m.body());
    }
    return o;
  }

  private long depth(String url) {
    var a = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    return Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
        + Long.parseLong(a.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
  }

  /** Messages waiting in every queue (visible and in flight), by logical id; empty queues left out. */
  public Map<String, Long> depths() {
    Map<String, Long> out = new TreeMap<>();
    resources.queueUrls().forEach((id, url) -> {
      long n = depth(url);
      if (n > 0) {
        out.put(id, n);
      }
    });
    return out;
  }
}
