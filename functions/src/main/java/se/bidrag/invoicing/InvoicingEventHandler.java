package se.bidrag.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.SqsBatch;

/**
 * Consumes the invoicing queue: each message names a report version with unspent money (or a
 * correction of one that had some). A message that fails is reported back alone and retried; after
 * five receives it waits in the dead-letter queue (alarmed), and the daily run invoices the report anyway.
 */
public final class InvoicingEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final InvoicingService service;

  public InvoicingEventHandler() {
    this(Platform.fromEnvironment());
    Wiring.registerPriming();
  }

  public InvoicingEventHandler(Platform platform) {
    this.service = Wiring.service(platform);
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.standard(event, context, "invoicing message failed; it will be retried", m -> {
      JsonNode body = Json.parse(m.getBody());
      if (!"report".equals(body.path("type").asText()) || !body.path("version").canConvertToLong()
          || body.path("grantId").asText().isEmpty() || body.path("recipientId").asText().isEmpty()) {
        throw new IllegalArgumentException("not an invoicing message: " + m.getBody());
      }
      InvoicingService.Result r = service.fromReport(body.path("grantId").asText(), body.path("recipientId").asText(),
          body.path("version").asLong());
      Log.info("report invoiced", "recipient", body.path("recipientId").asText(), "version",
          body.path("version").asLong(), "created", r.created(), "documents", r.invoices().size());
    });
  }
}
