package se.bidrag.payout;

import se.bidrag.json.Json;
import se.bidrag.platform.LogContext;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The payment-order FIFO queue. */
public final class SqsPaymentQueue implements PaymentQueue {
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsPaymentQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(PaymentOrder order) {
    var body = Json.object().put("type", "order");
    body.set("order", order.toJson());
    sqs.sendMessage(m -> m.queueUrl(queueUrl).messageGroupId(order.runId())
        .messageDeduplicationId(order.grantId() + ":" + order.orderId()).messageBody(Json.write(body)).messageAttributes(LogContext.sqsAttributes()));
  }

  @Override
  public void close(String grantId, String runId, int orders, long total) {
    var body = Json.object().put("type", "close").put("grantId", grantId).put("runId", runId).put("orders", orders)
        .put("total", total);
    sqs.sendMessage(m -> m.queueUrl(queueUrl).messageGroupId(runId)
        .messageDeduplicationId(grantId + ":close:" + runId + ":" + orders).messageBody(Json.write(body)).messageAttributes(LogContext.sqsAttributes()));
  }
}
