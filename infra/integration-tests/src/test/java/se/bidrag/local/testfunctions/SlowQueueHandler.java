package se.bidrag.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import se.bidrag.platform.Platform;

/** Test function: takes 40 ms per batch and records how many invocations ran at once, at most. */
public final class SlowQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  public static final AtomicInteger RUNNING = new AtomicInteger();
  public static final AtomicInteger MOST_AT_ONCE = new AtomicInteger();
  public static final AtomicInteger HANDLED = new AtomicInteger();

  public SlowQueueHandler(Platform platform) {
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    int now = RUNNING.incrementAndGet();
    MOST_AT_ONCE.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(40);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      RUNNING.decrementAndGet();
    }
    HANDLED.addAndGet(event.getRecords().size());
    return new SQSBatchResponse(List.of());
  }
}
