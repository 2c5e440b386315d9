package se.bidrag.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;

/** Consumes the e-mail queue: each job sent at most once; failures reported per message (ReportBatchItemFailures). */
public final class EmailSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final EmailSender sender;

  public EmailSenderHandler() {
    this(Platform.fromEnvironment());
  }

  public EmailSenderHandler(Platform platform) {
    this.sender = Wiring.sender(platform);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage m : event.getRecords()) {
      try {
        EmailJob job = EmailJob.fromJson(Json.parse(m.getBody()));
        EmailSender.Result r = sender.send(job);
        Log.info("e-mail job", "jobId", job.jobId(), "result", r);
      } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
        Log.warn("e-mail job failed; it stays on the queue", "messageId", m.getMessageId(), "error", String.valueOf(e));
        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
