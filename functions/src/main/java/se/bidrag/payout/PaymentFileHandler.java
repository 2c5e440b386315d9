package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.json.Json;
import se.bidrag.platform.LogContext;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.SqsBatch;

/**
 * Consumes the payment-order FIFO queue and writes the payment files. FIFO partial failure: after
 * the first failed message, the rest of the batch is reported failed too, so that a run's messages
 * are retried in order and its closing message never overtakes an order.
 */
public final class PaymentFileHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Primable {
  private final Platform platform;
  private final PaymentFiles files;

  public PaymentFileHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
  }

  public PaymentFileHandler(Platform platform) {
    this.platform = platform;
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

  /**
   * SnapStart priming, dry (reads only; see {@link Platform#dryRun}): a run {@code priming} that does not exist
   * is closed with no orders (its orders read: none, so no file), then an order of it arrives, whose record is
   * the write the dry run answers without making it; and a throwaway payment file (pain.001) is rendered, never stored.
   */
  @Override
  public void prime() {
    String grantId = GrantCatalog.bundled().ids().get(0);
    PaymentOrder order = new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REQUISITION, "priming"), grantId, "priming",
        "2120000019", "Priming", PaymentOrder.Kind.REQUISITION, 1, "50501055", "priming", PaymentOrder.Status.SENT,
        Instant.EPOCH);
    var close = Json.object().put("type", "close").put("grantId", grantId).put("runId", "priming").put("orders", 0)
        .put("total", 0);
    var orderMessage = Json.object().put("type", "order");
    orderMessage.set("order", order.toJson());
    Primable.queue(new PaymentFileHandler(platform.dryRun(platform.clock())),
        Primable.sqsEvent(Json.write(close), Json.write(orderMessage)));
    for (int round = 0; round < Primable.ROUNDS; round++) {
      byte[] xml = Pain001.write("priming", LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2026, 1, 1, 0, 0)
          .toLocalDate(), new Pain001.Debtor("Priming", "2021000555", "50501055", null), List.of(order), "Priming",
          new PayoutBatch.Approval("priming", "priming", "Priming", Instant.EPOCH));
      PaymentFiles.sha256(xml);
    }
  }
}
