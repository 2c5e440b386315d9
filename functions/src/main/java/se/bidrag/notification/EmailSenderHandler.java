package se.bidrag.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.SqsBatch;

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
    return SqsBatch.standard(event, context, "e-mail job failed; it stays on the queue", m -> {
      EmailJob job = EmailJob.fromJson(Json.parse(m.getBody()));
      EmailSender.Result r = sender.send(job);
      Log.info("e-mail job", "jobId", job.jobId(), "result", r);
    });
  }
}
