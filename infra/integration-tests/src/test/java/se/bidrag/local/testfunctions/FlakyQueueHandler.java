package se.bidrag.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import se.bidrag.platform.Platform;

/**
 * Test function: body "ok" succeeds, "fail" is reported as a batch item failure (until the test mends the
 * cause), "throw" fails the whole batch. Records the attempts per body and when each was made.
 */
public final class FlakyQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  public static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
  public static final List<Integer> BATCH_SIZES = java.util.Collections.synchronizedList(new ArrayList<>());
  public static final Map<String, List<Long>> ATTEMPT_NANOS = new ConcurrentHashMap<>();
  /** The cause of "fail" is mended: such messages succeed from now on. */
  public static final java.util.concurrent.atomic.AtomicBoolean MENDED = new java.util.concurrent.atomic.AtomicBoolean();

  public FlakyQueueHandler(Platform platform) {
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    BATCH_SIZES.add(event.getRecords().size());
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage m : event.getRecords()) {
      ATTEMPTS.computeIfAbsent(m.getBody(), k -> new AtomicInteger()).incrementAndGet();
      ATTEMPT_NANOS.computeIfAbsent(m.getBody(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(System.nanoTime());
      if (m.getBody().startsWith("throw")) {
        throw new IllegalStateException("test failure for " + m.getBody());
      }
      if (m.getBody().startsWith("fail") && !MENDED.get()) {
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
