package se.bidrag.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import se.bidrag.json.Json;

/**
 * The record Lambda sends to an asynchronous invocation's on-failure destination (AWS Lambda developer
 * guide, "Capturing records of Lambda asynchronous invocations"): {@code version}, {@code timestamp},
 * {@code requestContext} {requestId, functionArn, condition, approximateInvokeCount},
 * {@code requestPayload} (the event as it was sent), {@code responseContext} {statusCode,
 * executedVersion, functionError} and {@code responsePayload} (the Java runtime's error shape:
 * errorMessage, errorType, stackTrace).
 */
public final class InvocationRecord {
  /** Lambda tried the event 1 + MaximumRetryAttempts times. */
  public static final String RETRIES_EXHAUSTED = "RetriesExhausted";
  /** The event grew older than MaximumEventAgeInSeconds before its next try. */
  public static final String EVENT_AGE_EXCEEDED = "EventAgeExceeded";

  private static final int STACK_FRAMES = 10;

  private InvocationRecord() {}

  static ObjectNode failure(Instant at, String requestId, String functionArn, String condition, int invokeCount,
      Map<String, Object> payload, Throwable error) {
    ObjectNode r = Json.object().put("version", "1.0").put("timestamp", at.toString());
    r.putObject("requestContext").put("requestId", requestId).put("functionArn", functionArn)
        .put("condition", condition).put("approximateInvokeCount", invokeCount);
    r.set("requestPayload", Json.MAPPER.valueToTree(payload));
    r.putObject("responseContext").put("statusCode", 200).put("executedVersion", "$LATEST")
        .put("functionError", "Unhandled");
    ObjectNode response = r.putObject("responsePayload");
    if (error != null) {
      response.put("errorMessage", String.valueOf(error.getMessage())).put("errorType", error.getClass().getName());
      ArrayNode trace = response.putArray("stackTrace");
      StackTraceElement[] frames = error.getStackTrace();
      for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
        trace.add(frames[i].toString());
      }
    }
    return r;
  }

  /** Whether a message body is such a record (a queue may hold other things). */
  static boolean isRecord(JsonNode body) {
    return body.path("requestContext").path("functionArn").isTextual() && body.has("requestPayload");
  }

  /** A record's request payload, as the function received it. */
  static Map<String, Object> requestPayload(JsonNode record) {
    return Json.MAPPER.convertValue(record.path("requestPayload"), new TypeReference<Map<String, Object>>() {});
  }

  /** Parses a message body; null if it is not JSON. */
  static JsonNode parse(String body) {
    try {
      return Json.parse(body);
    } catch (IOException e) {
      return null;
    }
  }
}
