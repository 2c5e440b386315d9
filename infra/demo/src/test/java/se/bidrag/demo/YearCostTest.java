package se.bidrag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.json.Json;
import se.bidrag.local.CallLedger;

/** The bill's arithmetic, on a made-up price table and a handful of invocations. */
class YearCostTest {
  static final String TABLE = """
      {"region": "test-1", "currency": "USD", "date": "2026-01-01",
       "prices": {
        "dynamodb.readRequestUnit": {"price": 0.25, "per": 1000000}, "dynamodb.writeRequestUnit": {"price": 1.25, "per": 1000000},
        "lambda.request": {"price": 0.20, "per": 1000000}, "lambda.gbSecond": {"price": 0.0000166667, "per": 1},
        "apiGateway.httpRequest": {"price": 1.00, "per": 1000000}, "sqs.request": {"price": 0.40, "per": 1000000},
        "ses.email": {"price": 0.10, "per": 1000}, "scheduler.invocation": {"price": 1.00, "per": 1000000},
        "cloudfront.httpsRequest": {"price": 0.012, "per": 10000}, "cloudwatch.logsIngestedGb": {"price": 0.50, "per": 1},
        "cloudwatch.alarmMonth": {"price": 0.10, "per": 1}, "kms.keyMonth": {"price": 1.00, "per": 1},
        "secretsManager.secretMonth": {"price": 0.40, "per": 1}},
       "assumptions": {"cloudfrontRequestsPerFormLoad": 7, "sqsPollersPerEventSource": 5, "sqsLongPollSeconds": 20,
        "months": 12}}""";

  @Test
  void countsWhatTheLedgerSawAndPricesIt() throws Exception {
    JsonNode table = Json.parse(TABLE);
    List<CallLedger.Invocation> invocations = List.of(
        new CallLedger.Invocation("RequisitionFunction", "PUT /grants/{grantId}/requisitions/{recipientId}",
            List.of(new CallLedger.Call("DynamoDb", "BatchGetItem", 4, 0, null), new CallLedger.Call("DynamoDb",
                "TransactWriteItems", 0, 28, null)), 99.2), // 100 ms at 1024 MB = 0.1 GB-s
        new CallLedger.Invocation("ReportApiFunction", "GET /reports/form", List.of(), 49.5), // 50 ms at 512 MB
        new CallLedger.Invocation("EmailSenderFunction", "SQS EmailQueue",
            List.of(new CallLedger.Call("Ses", "SendEmail", 0, 0, null),
                new CallLedger.Call("Sqs", "SendMessage", 0, 0, null)), 1000),
        new CallLedger.Invocation("PayoutJobFunction", "schedule PayoutJobFunction.Daily", List.of(), 0.1));
    YearUsage u = YearUsage.from(invocations, Map.of("RequisitionFunction", 1024, "ReportApiFunction", 512,
        "EmailSenderFunction", 2048, "PayoutJobFunction", 1024), 1, 2_000_000_000L, 10, 1, 2);
    assertEquals(4, u.readRequestUnits());
    assertEquals(28, u.writeRequestUnits());
    assertEquals(4, u.lambdaRequests());
    assertEquals(0.1 + 0.025 + 2.0 + 0.001, u.lambdaGbSeconds(), 1e-9);
    assertEquals(2, u.httpRequests());
    assertEquals(3, u.sqsRequests(), "the function's SendMessage, and the event source's receive and delete");
    assertEquals(1, u.emails());
    assertEquals(1, u.scheduledInvocations());
    assertEquals(1, u.formLoads());

    YearCost c = YearCost.of(u, table);
    // sqs: (3 + 1 queue × 5 pollers × 31 536 000 s / 20 s) × 0.40 / 1e6 = 7 884 003 × 0.4e-6 = 3.1536012 → 3.15
    assertEquals(new BigDecimal("3.15"), c.byService().get("sqs"));
    // cloudwatch: 2 GB × 0.50 + 10 alarms × 12 months × 0.10 = 1.00 + 12.00
    assertEquals(new BigDecimal("13.00"), c.byService().get("cloudwatch"));
    assertEquals(new BigDecimal("12.00"), c.byService().get("kms"));
    assertEquals(new BigDecimal("9.60"), c.byService().get("secretsManager"));
    assertEquals(new BigDecimal("0.00"), c.byService().get("dynamodb")); // 4 × 0.25e-6 + 28 × 1.25e-6 = 0.000036
    assertEquals(new BigDecimal("0.000036000"), YearCost.cost(table.path("prices"), "dynamodb.readRequestUnit", 4)
        .add(YearCost.cost(table.path("prices"), "dynamodb.writeRequestUnit", 28)).stripTrailingZeros()
        .setScale(9));
    assertEquals(new BigDecimal("37.75"), c.total()); // 3.15 + 13.00 + 12.00 + 9.60, the rest under half a cent
    assertEquals("USD", c.toJson().path("currency").asText());
    assertEquals(37.75, c.toJson().path("total").asDouble());
    assertEquals("2026-01-01", c.toJson().path("priceTableDate").asText());
    assertEquals(10, c.toJson().path("byService").size());
  }

  @Test
  void theBundledPriceTableHasEveryPriceTheBillUses() {
    JsonNode table = YearCost.priceTable();
    YearCost c = YearCost.of(new YearUsage(1e6, 1e6, 1_000_000, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), table);
    assertEquals("eu-north-1", c.region());
    assertEquals(new BigDecimal("0.75"), c.byService().get("dynamodb")); // 0.125 + 0.625 per million units
    assertEquals(new BigDecimal("0.20"), c.byService().get("lambda"));
  }
}
