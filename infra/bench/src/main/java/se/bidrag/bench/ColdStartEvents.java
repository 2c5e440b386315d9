package se.bidrag.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.json.Json;
import se.bidrag.local.LocalFunction;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;
import se.bidrag.notification.EmailJob;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The cold-start benchmark's local stack and the realistic first event of each function. */
final class ColdStartEvents {
  static final String GRANT = "god-och-nara-vard-2025";
  static final String AGENCY = "2021000555";
  static final String RECIPIENT = "kommun-0114";

  private ColdStartEvents() {}

  /** The event a function's first invocation gets, and what a correct answer looks like. */
  record Event(String kind, String inputType, byte[] json, Pattern expectedResult) {}

  /** A published grant, an ombud, one requisition, a payout run whose payment messages wait in the queue. */
  static String prepare(LocalRuntime runtime) {
    var client = new BenchCommand.LoadClient(runtime);
    try {
      client.publishAndRegister();
      String orgnr = Json.parse(client.send("GET", "/grants/" + GRANT + "/allocations/" + RECIPIENT, client.admin, null,
          null).body()).path("orgnr").asText();
      String ombud = runtime.jwt().mint("ombud-" + orgnr, orgnr, "ombud", "Ombud", Duration.ofHours(1));
      var r = client.send("PUT", "/grants/" + GRANT + "/requisitions/" + RECIPIENT, ombud,
          BenchCommand.LoadClient.body(100_000), null);
      if (r.status() != 201) {
        throw new IllegalStateException("requisition: " + r.status() + " " + r.body());
      }
      // four eyes: an approved payout account, a batch proposed by one person and approved by another, so
      // that the payment file's message waits in its queue
      String attestant = runtime.jwt().mintAgency("bench-attestant", AGENCY, List.of("attestant"), "Attestant",
          Duration.ofHours(1));
      var account = client.send("PUT", "/organisations/" + orgnr + "/payout-account", ombud,
          Json.write(Json.object().put("bankgiro", "5050-1055")), null);
      client.send("POST", "/organisations/" + orgnr + "/payout-account/approve", attestant, null,
          "\"" + Json.parse(account.body()).path("version").asLong() + "\"");
      var run = client.send("POST", "/grants/" + GRANT + "/payouts:run", client.admin, null, null);
      String batch = Json.parse(run.body()).path("runId").asText();
      var approved = client.send("POST", "/grants/" + GRANT + "/payout-batches/" + batch + "/approve", attestant, null,
          null);
      if (approved.status() != 200) {
        throw new IllegalStateException("payout batch " + batch + ": " + approved.status() + " " + approved.body());
      }
      return orgnr;
    } catch (Exception e) {
      throw new IllegalStateException("preparing the local stack failed: " + e, e);
    }
  }

  static Event event(SamTemplate.Function f, LocalRuntime runtime, String orgnr) throws IOException {
    ObjectMapper mapper = Json.MAPPER;
    List<SamTemplate.Event> http = f.events().stream().filter(e -> e.type().equals("HttpApi")).toList();
    if (!http.isEmpty()) {
      SamTemplate.Event chosen = http.stream()
          .filter(e -> "GET".equals(e.properties().get("Method")) && String.valueOf(e.properties().get("Path")).contains("{grantId}"))
          .findFirst().orElse(http.stream().filter(e -> "GET".equals(e.properties().get("Method"))).findFirst()
              .orElse(http.get(0)));
      String method = String.valueOf(chosen.properties().get("Method"));
      String template = String.valueOf(chosen.properties().get("Path"));
      Map<String, String> params = new LinkedHashMap<>();
      String path = template;
      Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
      while (m.find()) {
        String value = switch (m.group(1)) {
          case "grantId" -> GRANT;
          case "recipientId" -> RECIPIENT;
          case "orgnr" -> orgnr;
          case "number" -> "2026000001";
          case "subject" -> "rep-1";
          case "address" -> "registrator@example.se";
          default -> "x";
        };
        params.put(m.group(1), value);
        path = path.replace(m.group(), value);
      }
      Map<String, String> claims = Map.of("sub", "handlaggare-1", "orgnr", AGENCY, "roles", "[handlaggare attestant]",
          "scope", "bidrag/agency", "name", "Handläggare", "iss", "urn:bidrag:local-issuer", "aud", "bidrag");
      var context = APIGatewayV2HTTPEvent.RequestContext.builder().withAccountId("000000000000").withApiId("local")
          .withStage("$default").withRouteKey(method + " " + template).withRequestId("coldstart")
          .withTimeEpoch(System.currentTimeMillis())
          .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
              .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("coldstart").build())
          .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims)
                  .withScopes(List.of()).build()).build())
          .build();
      APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0")
          .withRouteKey(method + " " + template).withRawPath(path).withRawQueryString("")
          .withHeaders(Map.of("accept", "application/json", "host", "localhost"))
          .withPathParameters(params.isEmpty() ? null : params).withRequestContext(context).withIsBase64Encoded(false)
          .build();
      return new Event("HTTP " + method, APIGatewayV2HTTPEvent.class.getName(), mapper.writeValueAsBytes(event),
          Pattern.compile("statusCode=[234]\\d\\d"));
    }
    boolean sqs = f.events().stream().anyMatch(e -> e.type().equals("SQS"));
    if (sqs) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("coldstart-1");
      message.setReceiptHandle("coldstart");
      message.setEventSource("aws:sqs");
      message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
      String handler = f.handlerClass();
      if (handler.endsWith("EmailSenderHandler")) {
        message.setBody(Json.write(new EmailJob("coldstart:1", "registrator@example.se", "Kallstart", "Text",
            "<p>Text</p>", List.of(), Map.of("grant", GRANT)).toJson()));
      } else if (handler.endsWith("PaymentFileHandler")) {
        Message waiting = runtime.platform().sqs().receiveMessage(b -> b.queueUrl(runtime.queueUrl("PaymentQueue"))
            .maxNumberOfMessages(1).visibilityTimeout(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages().stream().findFirst().orElseThrow(() -> new IllegalStateException("no payment message waiting"));
        message.setBody(waiting.body());
        Map<String, String> attributes = new LinkedHashMap<>();
        waiting.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        message.setAttributes(attributes);
      } else if (handler.endsWith("InvoicingEventHandler")) {
        message.setBody(Json.write(Json.object().put("type", "report").put("grantId", GRANT).put("recipientId", RECIPIENT)
            .put("version", 1)));
      } else if (handler.endsWith("SesEventHandler")) {
        var bounce = Json.object().put("notificationType", "Bounce");
        bounce.putObject("mail").put("messageId", "coldstart");
        var b = bounce.putObject("bounce").put("bounceType", "Permanent").put("bounceSubType", "General");
        b.putArray("bouncedRecipients").addObject().put("emailAddress", "coldstart@example.invalid");
        message.setBody(Json.write(Json.object().put("Type", "Notification").put("Message", Json.write(bounce))));
      } else {
        message.setBody("{}");
      }
      SQSEvent event = new SQSEvent();
      event.setRecords(List.of(message));
      // an SQS function answers with the failed items: none is the correct answer (except a report not found)
      return new Event("SQS", SQSEvent.class.getName(), mapper.writeValueAsBytes(event),
          handler.endsWith("InvoicingEventHandler") ? Pattern.compile("batchItemFailures") : Pattern.compile("batchItemFailures=\\[]"));
    }
    return new Event("schedule", Map.class.getName(), mapper.writeValueAsBytes(Map.of("grantId", GRANT)),
        Pattern.compile("\\{.*}"));
  }

}
