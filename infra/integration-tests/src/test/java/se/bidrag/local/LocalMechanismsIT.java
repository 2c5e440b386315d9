package se.bidrag.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidrag.local.testfunctions.FlakyQueueHandler;
import se.bidrag.local.testfunctions.TickHandler;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The local runtime's mechanisms, with test functions whose behaviour the test controls: the HTTP
 * API's events and authorizer, SQS delivery with partial batch failure, the queue's visibility timeout,
 * the event source's maximum concurrency and the dead-letter queue, schedules on the local clock (invoked
 * asynchronously: Lambda's retries, then the on-failure destination), clean shutdown. The runtime keeps
 * the template's visibility timeouts (WorkQueue: 1 s) and shortens Lambda's retry waits to 100 and 200 ms.
 */
class LocalMechanismsIT {
  static LocalRuntime runtime;
  static Http http;
  static java.util.Set<Long> childrenBefore;

  @BeforeAll
  static void start() {
    childrenBefore = ProcessHandle.current().descendants().map(ProcessHandle::pid)
        .collect(java.util.stream.Collectors.toSet());
    runtime = LocalRuntime.options().template(ProjectPaths.root().resolve("infra/integration-tests/src/test/resources/mechanisms-template.yaml"))
        .clock(Instant.parse("2025-04-17T20:00:00Z"), false)
        .asyncRetryDelays(Duration.ofMillis(100), Duration.ofMillis(200)).start();
    http = new Http(runtime.api().uri());
  }

  @BeforeEach
  void clean() {
    runtime.reset(Instant.parse("2025-04-17T20:00:00Z"));
    FlakyQueueHandler.ATTEMPTS.clear();
    FlakyQueueHandler.ATTEMPT_NANOS.clear();
    FlakyQueueHandler.BATCH_SIZES.clear();
    FlakyQueueHandler.MENDED.set(false);
    TickHandler.TICKS.clear();
    TickHandler.MENDED.set(false);
  }

  @AfterAll
  static void stopAndLeaveNoProcessBehind() throws InterruptedException {
    long sesPid = ((InProcessEmulators) runtime.emulators()).sesPid();
    assertTrue(ProcessHandle.of(sesPid).map(ProcessHandle::isAlive).orElse(false), "the SES emulator ran");
    runtime.close();
    Optional<ProcessHandle> ses = ProcessHandle.of(sesPid);
    assertFalse(ses.isPresent() && ses.get().isAlive(), "the SES emulator process is gone");
    assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .filter(p -> !childrenBefore.contains(p.pid()))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList(), "no child process it started is left");
  }

  private String token(String role) {
    return runtime.jwt().mint("person-1", "2120000019", role, "Test Person", Duration.ofMinutes(5));
  }

  @Test
  void aRequestReachesTheHandlerAsAPayload2EventAndBack() {
    Http.Response r = http.send("POST", "/echo/k%C3%B6p-1?x=1&y=a%20b&x=2", token("ombud"), "{\"a\":1}",
        Map.of("X-Test", "hello"));
    assertEquals(200, r.status(), r.body());
    JsonNode e = r.json();
    assertEquals("2.0", e.path("version").asText());
    assertEquals("POST /echo/{id}", e.path("routeKey").asText());
    assertEquals("köp-1", e.path("pathParameters").path("id").asText());
    assertEquals("1,2", e.path("queryStringParameters").path("x").asText());
    assertEquals("a b", e.path("queryStringParameters").path("y").asText());
    assertEquals("hello", e.path("header").asText());
    assertEquals("{\"a\":1}", e.path("body").asText());
    assertFalse(e.path("isBase64Encoded").asBoolean());
    assertEquals("2120000019", e.path("claims").path("orgnr").asText());
    assertEquals("ombud", e.path("claims").path("role").asText());
    assertEquals("Table", e.path("table").asText()); // !Ref Table resolved to the local table's name
    assertEquals("EchoFunction", e.path("functionName").asText());
  }

  @Test
  void binaryBodiesArriveBase64Encoded() {
    Http.Response r = http.send("POST", "/echo/1", token("ombud"), "PDF\u0001", Map.of("Content-Type", "application/pdf"));
    JsonNode e = r.json();
    assertTrue(e.path("isBase64Encoded").asBoolean());
    assertEquals("UERGAQ==", e.path("body").asText());
  }

  @Test
  void aLiteralSegmentWinsOverAParameter() {
    assertEquals("POST /echo/{id}/run:now", http.send("POST", "/echo/7/run:now", token("admin"), "{}", Map.of()).json()
        .path("routeKey").asText());
  }

  @Test
  void theJwtAuthorizerRefusesMissingForgedAndExpiredTokens() {
    assertEquals(401, http.post("/echo/1", null, "{}").status());
    assertEquals(401, http.post("/echo/1", "not-a-jwt", "{}").status());
    String forged = LocalJwt.ephemeral().mint("p", "2120000019", "admin", "X", Duration.ofMinutes(5));
    assertEquals(401, http.post("/echo/1", forged, "{}").status());
    String expired = runtime.jwt().mint("p", "2120000019", "admin", "X", Duration.ofMinutes(-10));
    assertEquals(401, http.post("/echo/1", expired, "{}").status());
    assertEquals(200, http.get("/public", null).status(), "a route with Auth: NONE needs no token");
    assertEquals(404, http.get("/no/such/route", token("admin")).status());
  }

  @Test
  void aMessageThatKeepsFailingLandsInTheDeadLetterQueueAfterMaxReceiveCount() {
    var sqs = runtime.platform().sqs();
    String queue = runtime.queueUrl("WorkQueue");
    for (String body : List.of("ok-1", "fail-1", "ok-2")) {
      sqs.sendMessage(m -> m.queueUrl(queue).messageBody(body));
    }
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(1, FlakyQueueHandler.ATTEMPTS.get("ok-1").get(), "a success is not redelivered");
    assertEquals(1, FlakyQueueHandler.ATTEMPTS.get("ok-2").get());
    assertEquals(3, FlakyQueueHandler.ATTEMPTS.get("fail-1").get(), "tried maxReceiveCount (3) times");
    List<Long> at = FlakyQueueHandler.ATTEMPT_NANOS.get("fail-1");
    for (int i = 1; i < at.size(); i++) {
      assertTrue(at.get(i) - at.get(i - 1) >= 900_000_000L, "retried after the queue's VisibilityTimeout (1 s), not "
          + (at.get(i) - at.get(i - 1)) / 1_000_000 + " ms");
    }
    List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(runtime.queueUrl("WorkDeadLetterQueue"))
        .maxNumberOfMessages(10)).messages();
    assertEquals(List.of("fail-1"), dead.stream().map(Message::body).toList());
  }

  @Test
  void aThrowingFunctionRetriesTheWholeBatch() {
    var sqs = runtime.platform().sqs();
    String queue = runtime.queueUrl("WorkQueue");
    sqs.sendMessage(m -> m.queueUrl(queue).messageBody("throw-1"));
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(3, FlakyQueueHandler.ATTEMPTS.get("throw-1").get());
    assertEquals(1, sqs.receiveMessage(r -> r.queueUrl(runtime.queueUrl("WorkDeadLetterQueue"))).messages().size());
  }

  @Test
  void batchesRespectBatchSize() {
    var sqs = runtime.platform().sqs();
    String queue = runtime.queueUrl("WorkQueue");
    for (int i = 0; i < 12; i++) {
      int n = i;
      sqs.sendMessage(m -> m.queueUrl(queue).messageBody("ok-" + n));
    }
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(12, FlakyQueueHandler.BATCH_SIZES.stream().mapToInt(Integer::intValue).sum());
    assertTrue(FlakyQueueHandler.BATCH_SIZES.stream().allMatch(n -> n <= 5), FlakyQueueHandler.BATCH_SIZES.toString());
  }

  @Test
  void aScheduleFiresWhenTheClockPassesIt() {
    // 2025-04-17 23:59 in Stockholm: the at(2025-04-18T02:00:00) schedule has not come
    assertTrue(runtime.setClock(Instant.parse("2025-04-17T21:59:00Z")).isEmpty());
    assertTrue(TickHandler.TICKS.isEmpty());
    List<LocalScheduler.Fired> fired = runtime.setClock(Instant.parse("2025-04-18T00:00:00Z")); // 02:00 CEST
    assertEquals(List.of("TickFunction.AfterDeadline"), fired.stream().map(LocalScheduler.Fired::schedule).toList());
    assertEquals(Instant.parse("2025-04-18T00:00:00Z"), fired.get(0).occurrence());
    assertEquals(Map.of("job", "after-deadline"), TickHandler.TICKS.get(0).input());
    // it fires once: setting the clock further does not fire it again
    runtime.setClock(Instant.parse("2025-04-18T03:00:00Z"));
    assertEquals(1, TickHandler.TICKS.stream().filter(t -> "after-deadline".equals(t.input().get("job"))).count());
  }

  @Test
  void aCronScheduleFiresOnItsLocalTimeAndMissedOccurrencesCoalesce() {
    // Friday 18 April 2025 06:00 Stockholm (04:00 UTC) is a weekday occurrence
    runtime.setClock(Instant.parse("2025-04-18T03:59:00Z"));
    assertEquals(0, TickHandler.TICKS.stream().filter(t -> "weekdays".equals(t.input().get("job"))).count());
    runtime.setClock(Instant.parse("2025-04-18T04:00:00Z"));
    assertEquals(1, TickHandler.TICKS.stream().filter(t -> "weekdays".equals(t.input().get("job"))).count());
    // a jump over the weekend and three weekdays fires it once more, not three times
    runtime.setClock(Instant.parse("2025-04-23T10:00:00Z"));
    assertEquals(2, TickHandler.TICKS.stream().filter(t -> "weekdays".equals(t.input().get("job"))).count());
  }

  @Test
  void anEventSourceRunsAsManyInvocationsAtOnceAsItsMaximumConcurrencyAndNoMore() {
    se.bidrag.local.testfunctions.SlowQueueHandler.MOST_AT_ONCE.set(0);
    se.bidrag.local.testfunctions.SlowQueueHandler.HANDLED.set(0);
    var sqs = runtime.platform().sqs();
    String queue = runtime.queueUrl("SlowQueue");
    for (int i = 0; i < 30; i++) {
      int n = i;
      sqs.sendMessage(m -> m.queueUrl(queue).messageBody("slow-" + n));
    }
    runtime.deliverQueues(Duration.ofSeconds(20));
    assertEquals(30, se.bidrag.local.testfunctions.SlowQueueHandler.HANDLED.get());
    assertEquals(3, se.bidrag.local.testfunctions.SlowQueueHandler.MOST_AT_ONCE.get(),
        "ScalingConfig.MaximumConcurrency: 3 reached, never passed");
    assertEquals(3, runtime.function("SlowFunction").environments(), "one execution environment per concurrent invocation");
  }

  @Test
  void aScheduledJobThatThrowsGetsLambdasRetriesThenItsRecordGoesToTheOnFailureQueue() throws Exception {
    List<LocalScheduler.Fired> fired = runtime.setClock(Instant.parse("2025-05-01T06:00:00Z"));
    LocalScheduler.Fired failing = fired.stream().filter(f -> f.schedule().equals("TickFunction.Failing")).findFirst()
        .orElseThrow();
    assertFalse(failing.succeeded());
    assertFalse(failing.settled(), "Lambda retries it later: " + failing.result());
    assertEquals(1, failing.attempts(), "delivered once and tried at once");
    assertEquals(1, TickHandler.of("failing").size());

    runtime.deliverQueues(Duration.ofSeconds(20)); // Lambda's retries come due
    List<TickHandler.Tick> ticks = TickHandler.of("failing");
    assertEquals(3, ticks.size(), "the first attempt and MaximumRetryAttempts: 2");
    assertTrue(ticks.get(1).nanos() - ticks.get(0).nanos() >= 100_000_000L, "the first retry after its wait");
    assertTrue(ticks.get(2).nanos() - ticks.get(1).nanos() >= 200_000_000L, "the second after a longer one");

    var sqs = runtime.platform().sqs();
    List<Message> records = sqs.receiveMessage(r -> r.queueUrl(runtime.queueUrl("JobFailureQueue")).maxNumberOfMessages(10))
        .messages();
    assertEquals(1, records.size());
    JsonNode record = se.bidrag.json.Json.parse(records.get(0).body());
    assertEquals("1.0", record.path("version").asText());
    assertEquals(failing.requestId(), record.path("requestContext").path("requestId").asText());
    assertEquals("RetriesExhausted", record.path("requestContext").path("condition").asText());
    assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt());
    assertTrue(record.path("requestContext").path("functionArn").asText().endsWith(":function:TickFunction:$LATEST"),
        record.toString());
    assertEquals(Map.of("job", "failing", "fail", true), se.bidrag.json.Json.MAPPER.convertValue(
        record.path("requestPayload"), Map.class));
    assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
    assertEquals("java.lang.IllegalStateException", record.path("responsePayload").path("errorType").asText());
    assertEquals("scheduled test failure", record.path("responsePayload").path("errorMessage").asText());
    assertEquals("2025-05-01T06:00:00Z", record.path("timestamp").asText(), "stamped on the local clock");
    assertTrue(sqs.receiveMessage(r -> r.queueUrl(runtime.queueUrl("ScheduleDeadLetterQueue"))).messages().isEmpty(),
        "the schedule's dead-letter queue is for delivery failures only");
  }
}
