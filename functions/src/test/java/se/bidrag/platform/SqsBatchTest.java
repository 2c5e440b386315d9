package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bidrag.json.Json;

class SqsBatchTest {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<String> handled = new ArrayList<>();

  @BeforeEach
  void captureLog() {
    Log.to(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    Log.to(System.out);
  }

  private static SQSEvent batch(String... ids) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (String id : ids) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId(id);
      m.setBody("{\"id\":\"" + id + "\"}");
      records.add(m);
    }
    SQSEvent e = new SQSEvent();
    e.setRecords(records);
    return e;
  }

  /** Handles a message (recording it) and fails the ones named. */
  private SqsBatch.Consumer failing(Set<String> failing) {
    return m -> {
      handled.add(m.getMessageId());
      if (failing.contains(m.getMessageId())) {
        throw new IllegalStateException("cannot handle " + m.getMessageId());
      }
    };
  }

  private static List<String> failed(SQSBatchResponse r) {
    return r.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
  }

  @Test
  void standardReportsOnlyTheMessagesThatFailedAndHandlesAllTheOthers() {
    SQSBatchResponse r = SqsBatch.standard(batch("m1", "m2", "m3", "m4"), "message failed", failing(Set.of("m2", "m4")));
    assertEquals(List.of("m2", "m4"), failed(r));
    assertEquals(List.of("m1", "m2", "m3", "m4"), handled);
  }

  @Test
  void aBatchWithoutFailuresReportsNone() {
    assertEquals(List.of(), failed(SqsBatch.standard(batch("m1", "m2"), "message failed", failing(Set.of()))));
    assertEquals(List.of(), failed(SqsBatch.fifo(batch("m1", "m2"), "message failed", failing(Set.of()))));
  }

  @Test
  void fifoStopsAtTheFirstFailureAndReportsItAndEveryLaterMessageUnhandled() {
    SQSBatchResponse r = SqsBatch.fifo(batch("m1", "m2", "m3", "m4"), "message failed", failing(Set.of("m2")));
    assertEquals(List.of("m2", "m3", "m4"), failed(r));
    assertEquals(List.of("m1", "m2"), handled, "nothing after the failed message is handled");
  }

  @Test
  void fifoWithTheFirstMessageFailingReportsTheWholeBatch() {
    SQSBatchResponse r = SqsBatch.fifo(batch("m1", "m2", "m3"), "message failed", failing(Set.of("m1", "m3")));
    assertEquals(List.of("m1", "m2", "m3"), failed(r));
    assertEquals(List.of("m1"), handled);
  }

  @Test
  void aCheckedExceptionFailsTheMessageAndTheFailureIsLoggedWithItsIdAndError() throws Exception {
    SQSEvent e = batch("m1", "m2");
    e.getRecords().get(0).setBody("{not json");
    SQSBatchResponse r = SqsBatch.standard(e, "message failed; it will be retried",
        m -> handled.add(Json.parse(m.getBody()).path("id").asText()));
    assertEquals(List.of("m1"), failed(r));
    assertEquals(List.of("m2"), handled);
    String warning = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"m1\"")).findFirst()
        .orElseThrow();
    var line = Json.parse(warning);
    assertEquals("WARN", line.path("level").asText());
    assertEquals("message failed; it will be retried", line.path("message").asText());
    assertEquals("m1", line.path("messageId").asText());
    assertEquals(true, line.path("error").asText().contains("JsonParseException"), line.toString());
  }
}
