package se.bidrag.integration.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.integration.reporting.ReportingSteps;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.platform.Log;
import se.bidrag.testkit.LocalStackExtension;

/**
 * One correlation id follows a request through the queues: a report with unspent money, sent with the
 * e-service's {@code x-correlation-id}, is logged under that id by the report API, by the invoicing consumer
 * (through the invoicing queue) that issues the invoice, and by the e-mail sender (through the e-mail queue)
 * that sends the receipts and the invoice; the business metrics of each step carry it too. Every function log
 * line names its request id, function and grant, and no line holds an e-mail address.
 */
@ExtendWith(LocalStackExtension.class)
class CorrelationIT {
  private static final String ID = "e-tjanst-7f3a9c";

  @Test
  void oneIdFromTheReportThroughTheQueuesToTheInvoiceAndTheEmails(LocalRuntime runtime) throws Exception {
    ReportingSteps steps = new ReportingSteps(runtime);
    Map<String, String> tokens = steps.dispatch();
    runtime.clock().set(Instant.parse("2026-03-20T09:00:00Z"));
    long received = steps.received("kommun-0114");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Log.to(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Http.Response report;
    Http.Response requisition;
    try {
      report = steps.s.http.send("POST", "/reports", tokens.get("kommun-0114"),
          Json.write(ReportingSteps.report("kommun-0114", received - 25_000, 25_000)), Map.of("x-correlation-id", ID));
      runtime.deliverQueues(Duration.ofSeconds(30));
      // a requisition (refused: the deadline has passed) under an id of its own; no header: the API's request id
      requisition = steps.s.http.send("PUT", steps.s.path("kommun-0115"), steps.s.ombud(steps.s.orgnr("kommun-0115")),
          Json.write(steps.s.form(1_000, false, 1)), Map.of());
    } finally {
      Log.to(LocalStackExtension.FUNCTION_LOG);
    }
    assertEquals(201, report.status(), report.body());
    assertTrue(requisition.status() >= 400 && requisition.status() < 500, requisition.body());

    List<JsonNode> lines = new ArrayList<>();
    for (String l : captured.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isBlank()) {
        lines.add(Json.parse(l));
      }
    }
    List<JsonNode> logLines = lines.stream().filter(l -> !l.has("_aws")).toList();
    List<JsonNode> metrics = lines.stream().filter(l -> l.has("_aws")).toList();
    for (JsonNode l : logLines) {
      assertTrue(l.path("requestId").isTextual() && l.path("function").isTextual() && l.path("correlationId").isTextual()
          && l.path("level").isTextual() && l.path("timestamp").isTextual(), "every line carries its context: " + l);
    }
    assertFalse(captured.toString(StandardCharsets.UTF_8).matches("(?s).*[A-Za-z0-9._%+-]{2}@[A-Za-z0-9-]+\\..*"),
        "no e-mail address in any line");

    Set<String> functions = new TreeSet<>();
    logLines.stream().filter(l -> ID.equals(l.path("correlationId").asText()))
        .forEach(l -> functions.add(l.path("function").asText()));
    assertEquals(Set.of("ReportApiFunction", "InvoicingEventFunction", "EmailSenderFunction"), functions,
        "the report's id, from the API through both queues to the sender: " + logLines);
    for (JsonNode l : logLines) {
      if (ID.equals(l.path("correlationId").asText())) {
        assertEquals(Scenario.GRANT, l.path("grant").asText(), "each of its lines names the grant: " + l);
      }
    }
    long mails = logLines.stream().filter(l -> ID.equals(l.path("correlationId").asText())
        && "e-mail job".equals(l.path("message").asText()) && "SENT".equals(l.path("result").asText())).count();
    assertEquals(3, mails, "the receipts (to the reporter and to the registry) and the invoice, each sent under the "
        + "report's id");
    Set<String> counted = new TreeSet<>();
    metrics.stream().filter(m -> ID.equals(m.path("correlationId").asText()))
        .forEach(m -> counted.add(m.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").path(0).path("Name")
            .asText()));
    assertEquals(Set.of("InvoicesIssued", "EmailsSent"), counted, metrics.toString());

    JsonNode refused = logLines.stream().filter(l -> "RequisitionFunction".equals(l.path("function").asText())
        && "request".equals(l.path("message").asText())).findFirst().orElseThrow(() -> new AssertionError(logLines));
    assertEquals(refused.path("apiRequestId").asText(), refused.path("correlationId").asText(),
        "no header: the API's request id, as in the access log");
    assertTrue(metrics.stream().anyMatch(m -> m.has("RequisitionsRefused")
        && refused.path("correlationId").asText().equals(m.path("correlationId").asText())), metrics.toString());
  }
}
