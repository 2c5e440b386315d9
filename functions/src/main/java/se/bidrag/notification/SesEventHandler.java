package se.bidrag.notification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.SqsBatch;

/**
 * SES bounce and complaint notifications (configuration set → SNS → SQS): a permanent bounce or a
 * complaint puts the address on the suppression list, so no more mail goes there; transient bounces
 * are only logged. Accepts the SES event as the message body, inside an SNS envelope, or as an
 * EventBridge event's detail.
 */
public final class SesEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse>, Primable {
  private final Platform platform;
  private final Suppressions suppressions;
  private final java.time.Clock clock;
  private final se.bidrag.metrics.BusinessMetrics metrics;

  public SesEventHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
  }

  public SesEventHandler(Platform platform) {
    this.platform = platform;
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

  /**
   * SnapStart priming, dry (see {@link Platform#dryRun}): a permanent bounce (in an SNS envelope, as SES sends
   * it), a complaint (as an EventBridge event) and a transient bounce, for an address that cannot exist
   * ({@code .invalid}); the suppression each would record is answered in the process, never written.
   */
  @Override
  public void prime() {
    Primable.queue(new SesEventHandler(platform.dryRun(platform.clock())), Primable.sqsEvent(
        Json.write(Json.object().put("Type", "Notification").put("Message", Json.write(primingEvent("Bounce",
            "Permanent")))),
        Json.write(Json.object().put("detail-type", "Email Complaint Received").set("detail",
            primingEvent("Complaint", null))),
        Json.write(primingEvent("Bounce", "Transient"))));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode primingEvent(String type, String bounceType) {
    var e = Json.object().put("eventType", type);
    var mail = e.putObject("mail").put("messageId", "priming");
    mail.putObject("tags").putArray("grant").add("priming");
    if (bounceType != null) {
      var b = e.putObject("bounce").put("bounceType", bounceType).put("bounceSubType", "General");
      b.putArray("bouncedRecipients").addObject().put("emailAddress", "priming@example.invalid");
    } else {
      e.putObject("complaint").putArray("complainedRecipients").addObject().put("emailAddress", "priming@example.invalid");
    }
    return e;
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
