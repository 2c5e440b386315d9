package se.bidrag.reporting;

import se.bidrag.json.Json;
import se.bidrag.platform.LogContext;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The invoicing queue. */
public final class SqsInvoicingEvents implements InvoicingEvents {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsInvoicingEvents(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void reportWithUnspent(String grantId, String recipientId, long version) {
    var body = Json.object().put("type", "report").put("grantId", grantId).put("recipientId", recipientId)
        .put("version", version);
    sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody(Json.write(body))
        .messageAttributes(LogContext.sqsAttributes()));
  }
}
