package se.bidrag.notification;

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
 * SES bounce and complaint notifications (configuration set → SNS → SQS): a permanent bounce or a
 * complaint puts the address on the suppression list, so no more mail goes there; transient bounces
 * are only logged. Accepts the SES event as the message body, inside an SNS envelope, or as an
 * EventBridge event's detail.
 */
public final class SesEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private final Suppressions suppressions;
  private final java.time.Clock clock;
  private final se.bidrag.metrics.BusinessMetrics metrics;

  public SesEventHandler() {
    this(Platform.fromEnvironment());
  }

  public SesEventHandler(Platform platform) {
    this.suppressions = Wiring.suppressions(platform);
    this.clock = platform.clock();
    this.metrics = platform.metrics();
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    return SqsBatch.standard(event, context, "SES event failed", m -> {
      JsonNode e = unwrap(Json.parse(m.getBody()));
      JsonNode tags = e.path("mail").path("tags");
      try (var log = se.bidrag.platform.LogContext.follow(tags.path("correlationId").path(0).asText(null),
          tags.path("grant").path(0).asText(null))) {
        handle(e);
      }
    });
  }

  static JsonNode unwrap(JsonNode body) throws com.fasterxml.jackson.core.JsonProcessingException {
    if ("Notification".equals(body.path("Type").asText()) && body.hasNonNull("Message")) {
      return Json.parse(body.path("Message").asText());
    }
    if (body.has("detail") && body.has("detail-type")) {
      return body.path("detail");
    }
    return body;
  }

  void handle(JsonNode e) {
    String type = e.hasNonNull("eventType") ? e.path("eventType").asText() : e.path("notificationType").asText();
    String messageId = e.path("mail").path("messageId").asText(null);
    switch (type) {
      case "Bounce" -> {
        String bounceType = e.path("bounce").path("bounceType").asText();
        for (JsonNode r : e.path("bounce").path("bouncedRecipients")) {
          if ("Permanent".equals(bounceType)) {
            suppressions.suppress(r.path("emailAddress").asText(), "bounce:" + e.path("bounce").path("bounceSubType")
                .asText("General"), messageId, clock.instant(), Json.write(e));
            metrics.count(se.bidrag.metrics.Metric.EMAILS_BOUNCED, e.path("mail").path("tags").path("grant").path(0)
                .asText(null), 1);
          } else {
            Log.info("transient bounce (not suppressed)", "address", Log.mask(r.path("emailAddress").asText()));
          }
        }
      }
      case "Complaint" -> {
        for (JsonNode r : e.path("complaint").path("complainedRecipients")) {
          suppressions.suppress(r.path("emailAddress").asText(), "complaint", messageId, clock.instant(), Json.write(e));
        }
      }
      default -> Log.info("SES event ignored", "type", type);
    }
  }
}
