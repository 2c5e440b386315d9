package se.bidrag.platform;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.json.Json;

/**
 * A job or queue consumer that primes its own first invocation before a SnapStart snapshot: a twin of the
 * handler on a dry platform ({@link Platform#dryRun}) takes the invocation a schedule or a queue would give
 * it, its reads made and its writes answered in the process ({@link DryRun}), never made. Registered with {@link Priming} by
 * the handler's Lambda constructor; the priming test calls it on every such function of a live year.
 */
public interface Primable {
  /** Runs the dry invocations; changes nothing (reads only). */
  void prime();

  /** Each dry invocation this many times: its code is then compiled (C1) as well as loaded, and the snapshot keeps both. */
  int ROUNDS = 2;

  /**
   * A scheduled job's dry invocations, each {@link #ROUNDS} times: the schedule's own input ({@code {}},
   * every grant) and each of {@code grantIds} by name (an operator's input), the answer written as JSON
   * (its shape).
   */
  static void schedule(RequestHandler<Map<String, Object>, Map<String, Object>> twin, List<String> grantIds) {
    for (int round = 0; round < ROUNDS; round++) {
      DryRun.invoke(() -> Json.write(Json.MAPPER.valueToTree(twin.handleRequest(new HashMap<>(), null))));
      for (String id : grantIds) {
        DryRun.invoke(() -> Json.write(Json.MAPPER.valueToTree(twin.handleRequest(new HashMap<>(Map.of("grantId", id)),
            null))));
      }
    }
  }

  /** A queue consumer's dry invocations: {@code event}, {@link #ROUNDS} times. */
  static void queue(RequestHandler<SQSEvent, SQSBatchResponse> twin, SQSEvent event) {
    for (int round = 0; round < ROUNDS; round++) {
      DryRun.invoke(() -> twin.handleRequest(event, null));
    }
  }

  /** An SQS event of {@code bodies}, one message each, as Lambda's event source mapping delivers them. */
  static SQSEvent sqsEvent(String... bodies) {
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("priming-" + i);
      m.setReceiptHandle("priming");
      m.setEventSource("aws:sqs");
      m.setAttributes(Map.of("ApproximateReceiveCount", "1", "MessageGroupId", "priming"));
      m.setMessageAttributes(Map.of());
      m.setBody(bodies[i]);
      messages.add(m);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }
}
