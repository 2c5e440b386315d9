package se.bidrag.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.SqsBatch;

/**
 * Consumes the invoicing queue: each message names a report version with unspent money (or a
 * correction of one that had some). A message that fails is reported back alone and retried; after
 * five receives it waits in the dead-letter queue (alarmed), and the daily run invoices the report anyway.
 */
public final class InvoicingEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Primable {
  private final Platform platform;
  private final InvoicingService service;

  public InvoicingEventHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
    Wiring.registerPriming();
  }

  public InvoicingEventHandler(Platform platform) {
    this.platform = platform;
    this.service = Wiring.service(platform);
  }

  /**
   * SnapStart priming, dry (see {@link Platform#dryRun}): a message for a report of a recipient that does not
   * exist ({@code priming}) of each grant with reporting: parsed, checked, the report looked for (a read), not
   * found; and a malformed message, refused before any call.
   */
  @Override
  public void prime() {
    List<String> bodies = new java.util.ArrayList<>();
    for (String grantId : se.bidrag.grant.GrantCatalogs.of(platform).reportingIds()) {
      bodies.add(Json.write(Json.object().put("type", "report").put("grantId", grantId).put("recipientId", "priming")
          .put("version", 1)));
    }
    bodies.add("{\"type\":\"report\"}");
    Primable.queue(new InvoicingEventHandler(platform.dryRun(platform.clock())),
        Primable.sqsEvent(bodies.toArray(String[]::new)));
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
