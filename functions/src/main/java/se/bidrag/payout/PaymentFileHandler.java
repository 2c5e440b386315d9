package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import se.bidrag.json.Json;
import se.bidrag.platform.LogContext;
import se.bidrag.platform.Platform;
import se.bidrag.platform.SqsBatch;

/**
 * Consumes the payment-order FIFO queue and writes the payment files. FIFO partial failure: after
 * the first failed message, the rest of the batch is reported failed too, so that a run's messages
 * are retried in order and its closing message never overtakes an order.
 */
public final class PaymentFileHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final PaymentFiles files;

  public PaymentFileHandler() {
    this(Platform.fromEnvironment());
  }

  public PaymentFileHandler(Platform platform) {
    this.files = Wiring.files(platform);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.fifo(event, context, "payment message failed; it and the rest of its batch will be retried", m -> {
      JsonNode body = Json.parse(m.getBody());
      if ("order".equals(body.path("type").asText())) {
        files.order(PaymentOrder.fromJson(body.path("order")));
      } else if ("close".equals(body.path("type").asText())) {
        LogContext.grant(body.path("grantId").asText());
        files.close(body.path("grantId").asText(), body.path("runId").asText(), body.path("orders").asInt(),
            body.path("total").asLong());
      } else {
        throw new IllegalArgumentException("unknown message type: " + body.path("type"));
      }
    });
  }
}
