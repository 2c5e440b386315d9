package se.bidrag.integration.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.LocalScheduler;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * A real scheduled job of template.yaml that throws, as on AWS: the daily payout cannot read the table
 * (every DynamoDB query fails, on every try); EventBridge Scheduler's delivery succeeds, Lambda tries the
 * job three times and puts its invocation record on ScheduledJobFailureQueue; the operator sees it in
 * {@code GET /_local/dead-letters}, mends the cause and redrives; the payout then runs from the record's
 * payload and the order is paid and filed once.
 */
@ExtendWith(LocalStackExtension.class)
class ScheduledJobFailureIT {

  private static boolean grantList(Object request) {
    return request instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest q
        && q.expressionAttributeValues().values().stream().anyMatch(v -> "GRANTDEFS".equals(v.s()));
  }

  @Test
  void aPayoutThatThrowsIsRetriedLandsOnTheFailureQueueAndIsPaidOnceAfterTheRedrive(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime).published();
    s.requisition("kommun-0114", 1_000, false);
    s.account(s.orgnr("kommun-0114")); // paid only to an approved bankgiro
    // the payout's queries fail; the list of uploaded grants (which every daily job reads) still answers, so the
    // payout is the one job that fails
    LocalStackExtension.FAULTS.arm((service, operation, request) -> operation.equals("Query") && !grantList(request)
        ? SdkClientException.create("injected: the table cannot be queried") : null);
    List<LocalScheduler.Fired> fired;
    try {
      fired = runtime.setClock(Instant.parse("2025-03-04T05:00:00Z")); // 06:00 in Stockholm: the daily payout
      runtime.deliverQueues(Duration.ofSeconds(60)); // Lambda's retries come due, and fail too
    } finally {
      LocalStackExtension.FAULTS.disarm();
    }
    LocalScheduler.Fired payout = fired.stream().filter(f -> f.schedule().equals("PayoutJobFunction.Daily")).findFirst()
        .orElseThrow();
    assertFalse(payout.succeeded(), payout.toString());
    assertEquals(1, runtime.queueDepths().getOrDefault("ScheduledJobFailureQueue", 0L), runtime.queueDepths().toString());
    assertEquals(0, runtime.queueDepths().getOrDefault("ScheduleDeadLetterQueue", 0L), "delivery did not fail");

    Http http = new Http(runtime.api().uri());
    JsonNode view = http.get("/_local/dead-letters", s.handlaggare).json();
    JsonNode failures = null;
    for (JsonNode q : view.path("queues")) {
      if (q.path("queue").asText().equals("ScheduledJobFailureQueue")) {
        failures = q;
      }
    }
    assertTrue(failures != null, view.toString());
    assertEquals("on-failure", failures.path("kind").asText());
    JsonNode record = failures.path("items").get(0);
    assertEquals("PayoutJobFunction", record.path("function").asText());
    assertEquals("RetriesExhausted", record.path("condition").asText());
    assertEquals(3, record.path("approximateInvokeCount").asInt(), "EventInvokeConfig.MaximumRetryAttempts: 2");
    assertEquals("{}", record.path("requestPayload").toString(), "the daily run, for every grant: " + record);
    assertTrue(record.path("errorMessage").asText().contains(Scenario.GRANT)
        && record.path("errorMessage").asText().contains("injected"), record.toString());

    assertEquals(1, http.post("/_local/dead-letters:redrive", s.handlaggare, null).json().path("redriven").asInt());
    runtime.deliverQueues(Duration.ofSeconds(60));
    assertEquals(1, s.approveBatches(), "the redriven run proposed one batch; the attestant approves it");
    runtime.deliverQueues(Duration.ofSeconds(60));
    JsonNode payments = http.get("/grants/" + Scenario.GRANT + "/payments", s.handlaggare).json();
    assertEquals(1, payments.path("orders").size(), payments.toString());
    assertEquals("filed", payments.path("orders").get(0).path("status").asText(), payments.toString());
    assertEquals(1_000, payments.path("orders").get(0).path("amount").asLong());
    assertEquals(0, http.get("/_local/dead-letters", s.handlaggare).json().path("total").asInt());
  }
}
