package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.json.Json;
import se.bidrag.metrics.Metric;

/** The metrics are valid CloudWatch embedded metric format, and every line carries the invocation's context. */
class EmfMetricsTest {
  private static final Instant NOW = Instant.parse("2025-04-17T12:00:00Z");

  private static List<JsonNode> capture(Runnable r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Log.to(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      Log.to(System.out);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isBlank()) {
        try {
          lines.add(Json.parse(l));
        } catch (Exception e) {
          throw new AssertionError("not a JSON line: " + l, e);
        }
      }
    }
    return lines;
  }

  /** What CloudWatch requires of an EMF document (the specification's rules, checked one by one). */
  static void assertValidEmf(JsonNode doc) {
    JsonNode aws = doc.path("_aws");
    assertTrue(aws.path("Timestamp").isIntegralNumber(), "Timestamp in epoch milliseconds: " + doc);
    JsonNode directives = aws.path("CloudWatchMetrics");
    assertTrue(directives.isArray() && directives.size() == 1, doc.toString());
    for (JsonNode d : directives) {
      assertTrue(d.path("Namespace").isTextual() && !d.path("Namespace").asText().isEmpty(), doc.toString());
      assertTrue(d.path("Dimensions").isArray(), doc.toString());
      for (JsonNode set : d.path("Dimensions")) {
        assertTrue(set.isArray() && set.size() <= 30, doc.toString());
        for (JsonNode name : set) {
          assertTrue(doc.path(name.asText()).isTextual(), "dimension " + name + " names a string member: " + doc);
        }
      }
      assertTrue(d.path("Metrics").isArray() && d.path("Metrics").size() >= 1, doc.toString());
      for (JsonNode m : d.path("Metrics")) {
        assertTrue(doc.path(m.path("Name").asText()).isNumber(), "metric " + m + " has a numeric member: " + doc);
        assertEquals("Count", m.path("Unit").asText());
      }
    }
  }

  @Test
  void aRequisitionAcceptedIsOneCountUnderItsGrantWithTheRequestsContext() {
    EmfMetrics metrics = new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
    List<JsonNode> lines = capture(() -> {
      try (var scope = LogContext.invocation(null, "e-service-4711", "god-och-nara-vard-2025")) {
        metrics.count(Metric.REQUISITIONS_ACCEPTED, "god-och-nara-vard-2025", 1);
        metrics.count(Metric.REQUISITIONS_REFUSED, "god-och-nara-vard-2025", 0); // nothing to count: no line
      }
    });
    assertEquals(1, lines.size(), lines.toString());
    JsonNode doc = lines.get(0);
    assertValidEmf(doc);
    JsonNode d = doc.path("_aws").path("CloudWatchMetrics").path(0);
    assertEquals(NOW.toEpochMilli(), doc.path("_aws").path("Timestamp").asLong());
    assertEquals("Bidrag", d.path("Namespace").asText());
    assertEquals("[[\"Grant\"]]", d.path("Dimensions").toString());
    assertEquals("RequisitionsAccepted", d.path("Metrics").path(0).path("Name").asText());
    assertEquals(1, doc.path("RequisitionsAccepted").asLong());
    assertEquals("god-och-nara-vard-2025", doc.path("Grant").asText());
    assertEquals("e-service-4711", doc.path("correlationId").asText());
  }

  @Test
  void paymentOrdersFiledCountTheBatchAndABounceWithoutAGrantHasNoDimension() {
    EmfMetrics metrics = new EmfMetrics(Clock.fixed(NOW, ZoneOffset.UTC));
    List<JsonNode> lines = capture(() -> {
      metrics.count(Metric.PAYMENT_ORDERS_FILED, "g", 10_000);
      metrics.count(Metric.EMAILS_BOUNCED, null, 1);
    });
    assertEquals(2, lines.size());
    lines.forEach(EmfMetricsTest::assertValidEmf);
    assertEquals(10_000, lines.get(0).path("PaymentOrdersFiled").asLong());
    assertEquals("[[]]", lines.get(1).path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").toString());
    assertFalse(lines.get(1).has("Grant"));
  }

  @Test
  void everyLineOfAMessageCarriesItsCorrelationIdAndGrantAndTheInvocationsRequestIdAndFunction() {
    SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
    m.setMessageId("m-1");
    SQSEvent.MessageAttribute id = new SQSEvent.MessageAttribute();
    id.setStringValue("api-req-1");
    id.setDataType("String");
    SQSEvent.MessageAttribute grant = new SQSEvent.MessageAttribute();
    grant.setStringValue("god-och-nara-vard-2025");
    grant.setDataType("String");
    m.setMessageAttributes(Map.of("correlationId", id, "grant", grant));
    SQSEvent.SQSMessage plain = new SQSEvent.SQSMessage();
    plain.setMessageId("m-2");
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(m, plain));
    List<String> attributes = new ArrayList<>();
    List<JsonNode> lines = capture(() -> SqsBatch.standard(event, "failed", msg -> {
      Log.info("handled", "to", "registrator@kommun.example.se");
      attributes.add(String.valueOf(LogContext.sqsAttributes().get("correlationId").stringValue()));
    }));
    assertEquals(2, lines.size(), lines.toString());
    assertEquals("api-req-1", lines.get(0).path("correlationId").asText());
    assertEquals("god-och-nara-vard-2025", lines.get(0).path("grant").asText());
    assertEquals("m-2", lines.get(1).path("correlationId").asText(), "no attribute: the message's own id");
    assertEquals(lines.get(0).path("requestId"), lines.get(1).path("requestId"), "one invocation");
    assertTrue(lines.get(0).path("requestId").isTextual());
    assertEquals("r***@kommun.example.se", lines.get(0).path("to").asText());
    assertEquals(List.of("api-req-1", "m-2"), attributes, "what the consumer sends on carries the same id");
    assertTrue(LogContext.current().correlationId() == null, "the scope is closed after the batch");
  }

  @Test
  void aHeaderThatIsNoPlausibleIdIsNotTrusted() {
    try (var scope = LogContext.invocation(null, "x\"; DROP\n" + "a".repeat(200), "g")) {
      assertEquals(LogContext.current().requestId(), LogContext.current().correlationId());
    }
  }
}
