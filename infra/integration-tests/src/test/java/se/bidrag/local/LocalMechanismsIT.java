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
 * API's events and authorizer, SQS delivery with partial batch failure and dead-letter redrive,
 * schedules on the local clock (with retries and their dead-letter queue), clean shutdown.
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
        .clock(Instant.parse("2025-04-17T20:00:00Z"), false).start();
    http = new Http(runtime.api().uri());
  }

  @BeforeEach
  void clean() {
    runtime.reset(Instant.parse("2025-04-17T20:00:00Z"));
    FlakyQueueHandler.ATTEMPTS.clear();
    FlakyQueueHandler.BATCH_SIZES.clear();
    TickHandler.TICKS.clear();
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
  void aFailingScheduledRunIsRetriedThenItsInputGoesToTheDeadLetterQueue() {
    List<LocalScheduler.Fired> fired = runtime.setClock(Instant.parse("2025-05-01T06:00:00Z"));
    LocalScheduler.Fired failing = fired.stream().filter(f -> f.schedule().equals("TickFunction.Failing")).findFirst()
        .orElseThrow();
    assertFalse(failing.succeeded());
    assertEquals(3, failing.attempts(), "the first attempt and MaximumRetryAttempts: 2");
    List<Message> dead = runtime.platform().sqs().receiveMessage(r -> r.queueUrl(runtime.queueUrl("ScheduleDeadLetterQueue")))
        .messages();
    assertEquals(1, dead.size());
    assertTrue(dead.get(0).body().contains("\"job\":\"failing\""), dead.get(0).body());
  }
}
