package se.bidrag.integration.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import se.bidrag.local.CfnYaml;
import se.bidrag.local.ProjectPaths;

/**
 * template.yaml holds what operating it on AWS needs ({@link OperationsRules}): walked resource by
 * resource, it has no finding; and each rule catches what it is for, shown by breaking a copy of the
 * template one way at a time.
 */
class TemplateOperationsIT {

  private static Map<String, Object> template() throws IOException {
    return CfnYaml.parse(Files.readString(ProjectPaths.template(), StandardCharsets.UTF_8));
  }

  @Test
  void theTemplateHoldsEveryOperationsRule() throws IOException {
    OperationsRules rules = OperationsRules.check(template());
    assertEquals(List.of(), rules.findings());
    Map<String, Integer> checked = rules.checked;
    assertEquals(21, checked.get("functions"), checked.toString());
    assertEquals(4, checked.get("scheduled functions"), checked.toString());
    assertEquals(4, checked.get("SQS consumers"), checked.toString());
    assertEquals(10, checked.get("queues"), checked.toString());
    assertTrue(checked.get("alarms") >= 2 * 21 + 10, "an alarm for each function's errors and throttles, and each queue: "
        + checked);
    assertEquals(1, checked.get("tables"), checked.toString());
    assertEquals(2, checked.get("topics"), checked.toString());
    assertEquals(3, checked.get("timeline"), checked.toString());
  }

  static Stream<Arguments> brokenTemplates() {
    return Stream.of(
        broken("an alarm without actions", "EmailDeadLetterAlarm: an alarm without an action",
            t -> props(t, "EmailDeadLetterAlarm").remove("AlarmActions")),
        broken("the alarm topic without its e-mail subscription", "PaymentDeadLetterAlarm: an alarm without an action",
            t -> props(t, "AlarmTopic").remove("Subscription")),
        broken("a queue without its dead-letter queue", "EmailQueue: a queue without a dead-letter queue",
            t -> props(t, "EmailQueue").remove("RedrivePolicy")),
        broken("a dead-letter queue without its alarm", "InvoicingDeadLetterQueue: a failure queue without an alarm",
            t -> resources(t).remove("InvoicingDeadLetterAlarm")),
        broken("a queue without its age alarm", "PaymentQueue: a queue without an alarm on its oldest message",
            t -> resources(t).remove("PaymentQueueAgeAlarm")),
        broken("an unencrypted queue", "SesEventQueue: a queue without server-side encryption",
            t -> props(t, "SesEventQueue").remove("SqsManagedSseEnabled")),
        broken("a scheduled function without an on-failure destination",
            "PayoutJobFunction: a scheduled function without an on-failure destination",
            t -> map(props(t, "PayoutJobFunction").get("EventInvokeConfig")).remove("DestinationConfig")),
        broken("a scheduled function without a chosen retry count", "ReportingJobFunction: a scheduled function without an "
            + "EventInvokeConfig", t -> map(props(t, "ReportingJobFunction").get("EventInvokeConfig"))
            .remove("MaximumRetryAttempts")),
        broken("a schedule named by its logical id", "InvoicingJobFunction.Events.Daily: a schedule named by its logical id",
            t -> map(map(map(map(props(t, "InvoicingJobFunction").get("Events")).get("Daily")).get("Properties")))
                .remove("OmitName")),
        broken("functions without X-Ray tracing", "RequisitionFunction: X-Ray tracing is not Active",
            t -> map(map(t.get("Globals")).get("Function")).remove("Tracing")),
        broken("a function that opts out of tracing", "AllocationFunction: X-Ray tracing is not Active",
            t -> props(t, "AllocationFunction").put("Tracing", "PassThrough")),
        broken("the payment files on the inherited timeout", "PaymentFileFunction: inherits the global timeout",
            t -> props(t, "PaymentFileFunction").remove("Timeout")),
        broken("a schedule with a fixed name", "RedistributionJobFunction.Events.Daily: a schedule named by its",
            t -> map(map(map(map(props(t, "RedistributionJobFunction").get("Events")).get("Daily"))
                .get("Properties"))).put("Name", "Daily")),
        broken("a function without a log group", "MailApiFunction: no LoggingConfig",
            t -> props(t, "MailApiFunction").remove("LoggingConfig")),
        broken("a log group without retention", "AllocationFunction: its log group AllocationLogGroup is not",
            t -> props(t, "AllocationLogGroup").remove("RetentionInDays")),
        broken("two functions in one log group", "shares log group RequisitionLogGroup",
            t -> map(props(t, "OrganisationFunction").get("LoggingConfig")).put("LogGroup", Map.of("Ref", "RequisitionLogGroup"))),
        broken("an SQS consumer with reserved concurrency", "EmailSenderFunction: an SQS consumer with ReservedConcurrentExecutions",
            t -> props(t, "EmailSenderFunction").put("ReservedConcurrentExecutions", 1)),
        broken("an SQS event source without a concurrency cap", "SesEventFunction.Events.SesEvents: no ScalingConfig",
            t -> map(map(map(props(t, "SesEventFunction").get("Events")).get("SesEvents")).get("Properties"))
                .remove("ScalingConfig")),
        broken("senders that do not share the quota as they run", "EmailSenderFunction: EMAIL_SENDERS",
            t -> map(map(props(t, "EmailSenderFunction").get("Environment")).get("Variables")).put("EMAIL_SENDERS", 1)),
        broken("a visibility timeout under six times the consumer's timeout", "InvoicingQueue: VisibilityTimeout 180 s",
            t -> props(t, "InvoicingQueue").put("VisibilityTimeout", 180)),
        broken("a function without an Errors alarm", "PaymentFileFunction: a function without an Errors alarm",
            t -> resources(t).remove("PaymentFileFunctionErrorsAlarm")),
        broken("a function without a Throttles alarm", "RequisitionFunction: a function without a Throttles alarm",
            t -> resources(t).remove("RequisitionFunctionThrottlesAlarm")),
        broken("an API without access logs", "Api: no AccessLogSettings", t -> props(t, "Api").remove("AccessLogSettings")),
        broken("an API without throttling", "Api: no DefaultRouteSettings", t -> props(t, "Api").remove("DefaultRouteSettings")),
        broken("an API without a 5xx alarm", "Api: an HTTP API without a 5xx alarm", t -> resources(t).remove("ApiServerErrorsAlarm")),
        broken("no SES complaint alarm", "SES: no alarm on Reputation.ComplaintRate", t -> resources(t).remove("SesComplaintRateAlarm")),
        broken("no DynamoDB write-throttle alarm", "BidragTable: a table without a WriteThrottleEvents alarm",
            t -> resources(t).remove("TableWriteThrottleAlarm")),
        broken("a table without deletion protection", "BidragTable: a table without DeletionProtectionEnabled",
            t -> props(t, "BidragTable").remove("DeletionProtectionEnabled")),
        broken("a table without point-in-time recovery", "BidragTable: a table without point-in-time recovery",
            t -> props(t, "BidragTable").remove("PointInTimeRecoverySpecification")),
        broken("a timeline that no longer matches the payout schedule", "BIDRAG_PAYOUT_DAILY_AT is 06:00 but PayoutJobFunction",
            t -> map(map(map(map(props(t, "PayoutJobFunction").get("Events")).get("Daily")).get("Properties")))
                .put("ScheduleExpression", "cron(0 5 * * ? *)")),
        broken("an unencrypted topic", "SesEventTopic: a topic without server-side encryption",
            t -> props(t, "SesEventTopic").remove("KmsMasterKeyId")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenTemplates")
  void eachRuleFindsWhatItIsFor(String what, String expected, Consumer<Map<String, Object>> breakIt) throws IOException {
    Map<String, Object> t = mutableCopy(template());
    breakIt.accept(t);
    List<String> findings = OperationsRules.check(t).findings();
    assertTrue(findings.stream().anyMatch(f -> f.contains(expected)), what + ": expected a finding containing '" + expected
        + "', got " + findings);
  }

  private static Arguments broken(String what, String expected, Consumer<Map<String, Object>> breakIt) {
    return Arguments.of(what, expected, breakIt);
  }

  private static Map<String, Object> resources(Map<String, Object> t) {
    return map(t.get("Resources"));
  }

  private static Map<String, Object> props(Map<String, Object> t, String id) {
    return map(map(resources(t).get(id)).get("Properties"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static <T> T mutableCopy(T o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
      return (T) copy;
    }
    if (o instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(mutableCopy(v)));
      return (T) copy;
    }
    return o;
  }
}
