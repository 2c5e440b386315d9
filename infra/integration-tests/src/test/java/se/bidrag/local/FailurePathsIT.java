package se.bidrag.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidrag.local.testfunctions.FlakyQueueHandler;
import se.bidrag.local.testfunctions.TickHandler;

/**
 * Where failures go on the local stack, as on AWS, and how the operator brings them back: a job that
 * throws once succeeds on Lambda's retry; an event older than its MaximumEventAgeInSeconds is not tried
 * again; a function without an on-failure destination drops what fails; the operator's routes
 * ({@code GET /_local/dead-letters}, {@code POST /_local/dead-letters:redrive}) show every failure queue
 * and bring its messages back once the cause is mended. Test functions of mechanisms-template.yaml.
 */
class FailurePathsIT {
  static LocalRuntime runtime;
  static Http http;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.options().template(ProjectPaths.root().resolve(
        "infra/integration-tests/src/test/resources/mechanisms-template.yaml"))
        .clock(Instant.parse("2025-04-17T20:00:00Z"), false).fastRetries().start();
    http = new Http(runtime.api().uri());
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  @BeforeEach
  void clean() {
    runtime.reset(Instant.parse("2025-04-17T20:00:00Z"));
    FlakyQueueHandler.ATTEMPTS.clear();
    FlakyQueueHandler.MENDED.set(false);
    TickHandler.TICKS.clear();
    TickHandler.MENDED.set(false);
  }

  private String token(String role) {
    return runtime.jwt().mint("operator-1", "2021000555", role, "Operator", Duration.ofMinutes(5));
  }

  /** A handläggare of the agency: the operator's routes want the agency's scope. */
  private String agencyToken() {
    return runtime.jwt().mintAgency("operator-1", "2021000555", List.of("handlaggare"), "Operator", Duration.ofMinutes(5));
  }

  private int depth(String queue) {
    return runtime.queueDepths().getOrDefault(queue, 0L).intValue();
  }

  @Test
  void aJobThatThrowsOnceSucceedsOnLambdasRetryAndLeavesNoRecord() {
    runtime.clock().set(Instant.parse("2025-06-01T21:00:00Z"));
    runtime.scheduler().restartFrom(runtime.clock().instant()); // the schedules before (Failing) are past, not missed
    List<LocalScheduler.Fired> fired = runtime.setClock(Instant.parse("2025-06-02T06:00:00Z"));
    LocalScheduler.Fired flaky = fired.stream().filter(f -> f.schedule().equals("TickFunction.FlakyOnce")).findFirst()
        .orElseThrow();
    assertFalse(flaky.succeeded());
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(2, TickHandler.of("flaky-once").size(), "the first attempt and one retry");
    assertEquals(0, depth("JobFailureQueue"));
    assertTrue(runtime.async().idle());
  }

  @Test
  void anEventOlderThanItsMaximumAgeIsNotTriedAgainAndGoesToTheDestination() throws Exception {
    AsyncInvoker.Outcome first = runtime.async().invoke(runtime.function("TickFunction"),
        Map.of("job", "aged", "fail", true), "test");
    assertFalse(first.succeeded());
    assertFalse(first.settled());
    runtime.clock().set(Instant.parse("2025-04-17T20:11:00Z")); // 11 minutes on: past MaximumEventAgeInSeconds 600
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(1, TickHandler.of("aged").size(), "no retry of an event that aged out");
    var records = runtime.platform().sqs().receiveMessage(r -> r.queueUrl(runtime.queueUrl("JobFailureQueue"))).messages();
    assertEquals(1, records.size());
    JsonNode context = se.bidrag.json.Json.parse(records.get(0).body()).path("requestContext");
    assertEquals("EventAgeExceeded", context.path("condition").asText());
    assertEquals(1, context.path("approximateInvokeCount").asInt());
  }

  @Test
  void aFunctionWithoutAnOnFailureDestinationDropsWhatFailsAllItsTries() {
    runtime.async().invoke(runtime.function("BareTickFunction"), Map.of("job", "bare", "fail", true), "test");
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(3, TickHandler.of("bare").size(), "Lambda's defaults: two retries");
    assertEquals(Map.of(), runtime.queueDepths(), "dropped: in no queue at all");
  }

  @Test
  void theOperatorSeesEveryFailureQueueAndRedrivesItOnceTheCauseIsMended() {
    var sqs = runtime.platform().sqs();
    sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("WorkQueue")).messageBody("fail-letter"));
    runtime.setClock(Instant.parse("2025-05-01T06:00:00Z")); // TickFunction.Failing throws
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(1, depth("WorkDeadLetterQueue"));
    assertEquals(1, depth("JobFailureQueue"));

    assertEquals(401, http.get("/_local/dead-letters", null).status());
    assertEquals(403, http.get("/_local/dead-letters", token("ombud")).status());
    assertEquals(403, http.post("/_local/dead-letters:redrive", token("ombud"), null).status());
    Http.Response view = http.get("/_local/dead-letters", agencyToken());
    assertEquals(200, view.status(), view.body());
    JsonNode queues = view.json().path("queues");
    assertEquals(2, view.json().path("total").asInt(), view.body());
    JsonNode work = find(queues, "WorkDeadLetterQueue");
    assertEquals("dead-letter", work.path("kind").asText());
    assertEquals("WorkQueue", work.path("redrivesTo").get(0).asText());
    assertEquals(1, work.path("messages").asInt());
    assertEquals("fail-letter", work.path("items").get(0).path("body").asText());
    JsonNode jobs = find(queues, "JobFailureQueue");
    assertEquals("on-failure", jobs.path("kind").asText());
    assertEquals("TickFunction", jobs.path("functions").get(0).asText());
    JsonNode record = jobs.path("items").get(0);
    assertEquals("TickFunction", record.path("function").asText());
    assertEquals("RetriesExhausted", record.path("condition").asText());
    assertEquals(3, record.path("approximateInvokeCount").asInt());
    assertEquals("scheduled test failure", record.path("errorMessage").asText());
    assertEquals("failing", record.path("requestPayload").path("job").asText());
    JsonNode delivery = find(queues, "ScheduleDeadLetterQueue");
    assertEquals("schedule-delivery", delivery.path("kind").asText());
    assertEquals("TickFunction.Failing", delivery.path("schedules").get(0).asText());
    assertEquals(0, delivery.path("messages").asInt());
    assertTrue(delivery.path("oldestAt").isNull());
    assertEquals(work.path("items").get(0).path("sentAt").asText(), work.path("oldestAt").asText());
    assertEquals(2, http.get("/_local/dead-letters", agencyToken()).json().path("total").asInt(),
        "looking leaves the messages where they are");

    TickHandler.MENDED.set(true);
    FlakyQueueHandler.MENDED.set(true);
    assertEquals(404, http.post("/_local/dead-letters:redrive", agencyToken(), "{\"queue\": \"NoSuchQueue\"}").status());
    Http.Response one = http.post("/_local/dead-letters:redrive", agencyToken(), "{\"queue\": \"WorkDeadLetterQueue\"}");
    assertEquals(200, one.status(), one.body());
    assertEquals(1, one.json().path("redriven").asInt(), "that queue only");
    assertEquals(1, one.json().path("remaining").path("JobFailureQueue").asInt(), one.body());
    Http.Response redriven = http.post("/_local/dead-letters:redrive", agencyToken(), null);
    assertEquals(200, redriven.status(), redriven.body());
    assertEquals(1, redriven.json().path("redriven").asInt(), "the rest: the job's record");
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(4, TickHandler.of("failing").size(), "three tries, then once more with the record's payload");
    assertEquals(Map.of("job", "failing", "fail", true), TickHandler.of("failing").get(3).input());
    assertEquals(4, FlakyQueueHandler.ATTEMPTS.get("fail-letter").get(), "three receives, then once more from its queue");
    assertEquals(0, http.get("/_local/dead-letters", agencyToken()).json().path("total").asInt());
    assertEquals(Map.of(), runtime.queueDepths());
  }

  @Test
  void aRedrivenJobThatFailsAgainComesBackAsANewRecordNothingIsLost() {
    runtime.setClock(Instant.parse("2025-05-01T06:00:00Z"));
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(1, runtime.redriveDeadLetters(), "the cause is not mended");
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(6, TickHandler.of("failing").size(), "three tries, and three more after the redrive");
    assertEquals(1, depth("JobFailureQueue"), "one record again, not two, not none");
  }

  private static JsonNode find(JsonNode queues, String name) {
    for (JsonNode q : queues) {
      if (q.path("queue").asText().equals(name)) {
        return q;
      }
    }
    throw new AssertionError(name + " is not among " + queues);
  }
}
