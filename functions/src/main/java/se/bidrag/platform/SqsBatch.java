package se.bidrag.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Partial batch failure for SQS consumers (ReportBatchItemFailures): each message is handled on its
 * own; one that fails is logged and reported back, so that only it is retried and the others are
 * deleted. Each message is handled (and logged) under its own correlation id and grant, from its
 * message attributes ({@link LogContext#message}). On a FIFO queue order matters: at the first failure the rest of the batch is reported
 * failed too, without being handled, so that no later message overtakes the failed one.
 */
public final class SqsBatch {
  private SqsBatch() {}

  /** Handles one message; throwing fails it. */
  @FunctionalInterface
  public interface Consumer {
    void accept(SQSEvent.SQSMessage message) throws Exception;
  }

  /**
   * A standard queue: every message is handled; the failed ones are reported.
   *
   * @param failure the log message for a failed message (logged with its messageId and the error)
   */
  public static SQSBatchResponse standard(SQSEvent event, Context context, String failure, Consumer consumer) {
    return handle(event, context, failure, consumer, false);
  }

  public static SQSBatchResponse standard(SQSEvent event, String failure, Consumer consumer) {
    return handle(event, null, failure, consumer, false);
  }

  /** A FIFO queue: the messages are handled in order until one fails; it and every later one are reported. */
  public static SQSBatchResponse fifo(SQSEvent event, Context context, String failure, Consumer consumer) {
    return handle(event, context, failure, consumer, true);
  }

  public static SQSBatchResponse fifo(SQSEvent event, String failure, Consumer consumer) {
    return handle(event, null, failure, consumer, true);
  }

  private static SQSBatchResponse handle(SQSEvent event, Context context, String failure, Consumer consumer,
      boolean stopAtFirst) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    boolean failed = false;
    try (LogContext.Scope invocation = LogContext.invocation(context, null, null)) {
      for (SQSEvent.SQSMessage m : event.getRecords()) {
        if (failed && stopAtFirst) {
          failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
          continue;
        }
        try (LogContext.Scope message = LogContext.message(m)) {
          consumer.accept(m);
        } catch (Exception e) {
          Log.warn(failure, "messageId", m.getMessageId(), "error", String.valueOf(e));
          failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
          failed = true;
        }
      }
    }
    return new SQSBatchResponse(failures);
  }
}
