package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.json.Json;

/**
 * The year's estimated AWS bill: what the local stack counted ({@link YearUsage}) times the list prices of
 * the price table ({@code prices/aws-eu-north-1.json}, data with its date and sources). Amounts in the
 * table's currency, rounded to the cent per service.
 */
public record YearCost(String currency, String priceTableDate, String region, Map<String, BigDecimal> byService,
    YearUsage usage) {
  static final String PRICE_TABLE = "prices/aws-eu-north-1.json";

  public BigDecimal total() {
    return byService.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The bundled price table. */
  public static JsonNode priceTable() {
    try (InputStream in = YearCost.class.getClassLoader().getResourceAsStream(PRICE_TABLE)) {
      if (in == null) {
        throw new IllegalStateException(PRICE_TABLE + " is missing");
      }
      return Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bill for {@code usage} at the table's prices. */
  public static YearCost of(YearUsage u, JsonNode table) {
    JsonNode p = table.path("prices");
    JsonNode a = table.path("assumptions");
    long months = a.path("months").asLong(12);
    Map<String, BigDecimal> s = new LinkedHashMap<>();
    s.put("dynamodb", cost(p, "dynamodb.readRequestUnit", u.readRequestUnits())
        .add(cost(p, "dynamodb.writeRequestUnit", u.writeRequestUnits())));
    s.put("lambda", cost(p, "lambda.request", u.lambdaRequests()).add(cost(p, "lambda.gbSecond", u.lambdaGbSeconds())));
    s.put("apiGateway", cost(p, "apiGateway.httpRequest", u.httpRequests()));
    // Lambda's event source mappings long-poll each queue all year, messages or not
    double idlePolls = u.sqsEventSources() * a.path("sqsPollersPerEventSource").asDouble()
        * (365.0 * 24 * 3600 / a.path("sqsLongPollSeconds").asDouble());
    s.put("sqs", cost(p, "sqs.request", u.sqsRequests() + idlePolls));
    s.put("ses", cost(p, "ses.email", u.emails()));
    s.put("scheduler", cost(p, "scheduler.invocation", u.scheduledInvocations()));
    s.put("cloudfront", cost(p, "cloudfront.httpsRequest",
        u.formLoads() * a.path("cloudfrontRequestsPerFormLoad").asDouble()));
    s.put("cloudwatch", cost(p, "cloudwatch.logsIngestedGb", u.logBytes() / 1e9)
        .add(cost(p, "cloudwatch.alarmMonth", u.alarms() * months)));
    s.put("kms", cost(p, "kms.keyMonth", u.kmsKeys() * months));
    s.put("secretsManager", cost(p, "secretsManager.secretMonth", u.secrets() * months));
    s.replaceAll((k, v) -> v.setScale(2, RoundingMode.HALF_UP));
    return new YearCost(table.path("currency").asText(), table.path("date").asText(), table.path("region").asText(), s,
        u);
  }

  /** quantity × price / per, unrounded. */
  static BigDecimal cost(JsonNode prices, String key, double quantity) {
    JsonNode price = prices.path(key);
    if (price.isMissingNode()) {
      throw new IllegalArgumentException("the price table has no " + key);
    }
    return BigDecimal.valueOf(quantity).multiply(new BigDecimal(price.path("price").asText()))
        .divide(new BigDecimal(price.path("per").asText()), 10, RoundingMode.HALF_UP);
  }

  /** summary.json's {@code cost}: currency, total, byService, priceTableDate (and what was counted). */
  public ObjectNode toJson() {
    ObjectNode o = Json.object().put("currency", currency).put("total", total()).put("priceTableDate", priceTableDate)
        .put("region", region).put("priceTable", "infra/demo/src/main/resources/" + PRICE_TABLE);
    ObjectNode by = o.putObject("byService");
    byService.forEach(by::put);
    o.set("counted", usage.toJson());
    return o;
  }

  public void print(PrintStream out) {
    out.printf("%nEstimated AWS bill for the year (%s, list prices of %s, %s; no free tier):%n", region, priceTableDate,
        currency);
    byService.forEach((k, v) -> out.printf("  %-16s %10s%n", k, v.toPlainString()));
    out.printf("  %-16s %10s   (%s)%n", "total", total().toPlainString(), usage.describe());
  }
}
