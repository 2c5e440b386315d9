package se.bidrag.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * What every log line of one invocation carries, held per thread (an invocation runs on one thread; the
 * local stack runs several functions in one JVM): the Lambda request id, the function, the grant and the
 * correlation id. A handler opens a scope at the start of an invocation ({@link #invocation}), a queue
 * consumer one per message ({@link #message}); the SQS adapters copy the correlation id and the grant
 * onto every message they send ({@link #sqsAttributes}), so the consumer's lines carry the same id.
 *
 * @param correlationId the caller's {@code x-correlation-id} header when it is a plausible id, else the
 *     API's request id (the access log's {@code requestId}), the message's, or the invocation's
 */
public record LogContext(String requestId, String function, String grant, String correlationId) {
  /** The message attribute (and the HTTP header, lower case) that carries the correlation id. */
  public static final String CORRELATION_ID = "correlationId";
  public static final String HEADER = "x-correlation-id";
  static final String GRANT = "grant";
  private static final Pattern PLAUSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
  private static final LogContext NONE = new LogContext(null, System.getenv("AWS_LAMBDA_FUNCTION_NAME"), null, null);
  private static final ThreadLocal<LogContext> CURRENT = ThreadLocal.withInitial(() -> NONE);

  /** The context of the running invocation (fields unknown outside one are absent). */
  public static LogContext current() {
    return CURRENT.get();
  }

  /** Restores the context that was current before the scope opened. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Opens an invocation's context. {@code correlationId} null or implausible (too long, odd characters:
   * it comes from a header): the invocation's request id.
   */
  public static Scope invocation(Context lambda, String correlationId, String grant) {
    String requestId = lambda != null && lambda.getAwsRequestId() != null ? lambda.getAwsRequestId()
        : UUID.randomUUID().toString();
    String function = lambda != null && lambda.getFunctionName() != null ? lambda.getFunctionName() : NONE.function;
    return open(new LogContext(requestId, function, blankToNull(grant),
        plausible(correlationId) ? correlationId : requestId));
  }

  /** One queue message's context inside the invocation: its correlation id and grant, from its attributes. */
  public static Scope message(SQSEvent.SQSMessage m) {
    Map<String, SQSEvent.MessageAttribute> a = m.getMessageAttributes() == null ? Map.of() : m.getMessageAttributes();
    String correlationId = a.containsKey(CORRELATION_ID) ? a.get(CORRELATION_ID).getStringValue() : null;
    String grant = a.containsKey(GRANT) ? a.get(GRANT).getStringValue() : null;
    LogContext c = current();
    return open(new LogContext(c.requestId, c.function, grant != null ? grant : c.grant,
        plausible(correlationId) ? correlationId : m.getMessageId()));
  }

  /**
   * Continues another request's thread inside this invocation (an SES event about a mail the request sent): its
   * correlation id and grant where they are known (null: as before).
   */
  public static Scope follow(String correlationId, String grant) {
    LogContext c = current();
    return open(new LogContext(c.requestId, c.function, grant != null && !grant.isBlank() ? grant : c.grant,
        plausible(correlationId) ? correlationId : c.correlationId));
  }

  /**
   * Carries a context captured on the invocation's thread ({@link #current()}) onto a worker thread the
   * invocation started, so that the worker's lines and messages carry the same ids; close it when the task ends.
   */
  public static Scope adopt(LogContext captured) {
    return open(captured);
  }

  /** Names the grant once the invocation knows it (a job's input, a message's body). */
  public static void grant(String grant) {
    LogContext c = current();
    if (c != NONE && grant != null && !grant.isBlank()) {
      CURRENT.set(new LogContext(c.requestId, c.function, grant, c.correlationId));
    }
  }

  /** The attributes an SQS message carries so that its consumer logs under the same correlation id and grant. */
  public static Map<String, MessageAttributeValue> sqsAttributes() {
    LogContext c = current();
    Map<String, MessageAttributeValue> a = new java.util.LinkedHashMap<>();
    if (c.correlationId != null) {
      a.put(CORRELATION_ID, MessageAttributeValue.builder().dataType("String").stringValue(c.correlationId).build());
    }
    if (c.grant != null) {
      a.put(GRANT, MessageAttributeValue.builder().dataType("String").stringValue(c.grant).build());
    }
    return a;
  }

  void writeTo(ObjectNode line) {
    put(line, "requestId", requestId);
    put(line, "function", function);
    put(line, GRANT, grant);
    put(line, CORRELATION_ID, correlationId);
  }

  private static void put(ObjectNode line, String key, String value) {
    if (value != null) {
      line.put(key, Log.mask(value));
    }
  }

  private static Scope open(LogContext next) {
    LogContext previous = CURRENT.get();
    CURRENT.set(next);
    return () -> CURRENT.set(previous);
  }

  private static boolean plausible(String id) {
    return id != null && PLAUSIBLE.matcher(id).matches();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
