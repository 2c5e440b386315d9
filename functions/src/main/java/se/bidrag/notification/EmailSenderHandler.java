package se.bidrag.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.SqsBatch;

/** Consumes the e-mail queue: each job sent at most once; failures reported per message (ReportBatchItemFailures). */
public final class EmailSenderHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Primable {
  private final Platform platform;
  private final EmailSender sender;

  public EmailSenderHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
  }

  public EmailSenderHandler(Platform platform) {
    this.platform = platform;
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

  /**
   * SnapStart priming, dry (see {@link Platform#dryRun}): a job to an address that cannot exist
   * ({@code .invalid}), with an attachment: claimed in the ledger, the suppression list read, the MIME message
   * built, sent and recorded as sent, every write and the SES call answered in the process, never made.
   */
  @Override
  public void prime() {
    EmailJob job = new EmailJob("priming:1", "priming@example.invalid", "Priming", "Priming\n\nÅÄÖ", "<p>Priming</p>",
        List.of(new EmailJob.Attachment("priming.pdf", "application/pdf", new byte[] {'%', 'P', 'D', 'F'})),
        Map.of("grant", "priming", "purpose", "priming"));
    Primable.queue(new EmailSenderHandler(platform.dryRun(platform.clock())), Primable.sqsEvent(Json.write(job.toJson())));
  }
}
