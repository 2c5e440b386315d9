package se.bidrag.notification;

import java.util.ArrayList;
import java.util.List;
import se.bidrag.json.Json;
import se.bidrag.platform.LogContext;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Puts e-mail jobs on the e-mail queue, ten per call; a batch entry SQS refuses is an error, not a silent loss. */
public final class SqsEmailOutbox implements EmailOutbox {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsEmailOutbox(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void enqueue(List<EmailJob> jobs) {
    var attributes = LogContext.sqsAttributes(); // the consumer logs under the same correlation id
    for (int i = 0; i < jobs.size(); i += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (EmailJob job : jobs.subList(i, Math.min(jobs.size(), i + 10))) {
        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
            .messageBody(Json.write(job.toJson())).messageAttributes(attributes).build());
      }
      SendMessageBatchResponse r = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      if (r.hasFailed() && !r.failed().isEmpty()) {
        BatchResultErrorEntry first = r.failed().get(0);
        throw new IllegalStateException(r.failed().size() + " e-mail jobs were not queued: " + first.code() + " "
            + first.message());
      }
    }
  }
}
