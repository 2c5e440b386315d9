package se.bidrag.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import se.bidrag.json.Json;
import se.bidrag.local.CallLedger;

/** What a played year used, as the local stack counted it: the quantities the AWS bill is made of. */
public record YearUsage(double readRequestUnits, double writeRequestUnits, long lambdaRequests, double lambdaGbSeconds,
    long httpRequests, long sqsRequests, int sqsEventSources, long emails, long scheduledInvocations, long formLoads,
    long logBytes, int alarms, int kmsKeys, int secrets) {

  /**
   * From the call ledger's invocations: DynamoDB units as DynamoDB reported them; each invocation a Lambda request,
   * its measured duration (rounded up to the millisecond) × its function's memory; an HTTP route's invocation an
   * API request; the functions' SQS calls, and per SQS-triggered invocation the event source's receive and delete;
   * SES sends; schedule triggers; report-form loads.
   */
  public static YearUsage from(Iterable<CallLedger.Invocation> invocations, Map<String, Integer> memoryMbByFunction,
      int sqsEventSources, long logBytes, int alarms, int kmsKeys, int secrets) {
    double rru = 0;
    double wru = 0;
    long requests = 0;
    double gbSeconds = 0;
    long http = 0;
    long sqs = 0;
    long emails = 0;
    long scheduled = 0;
    long forms = 0;
    for (CallLedger.Invocation i : invocations) {
      requests++;
      gbSeconds += Math.ceil(i.millis()) / 1000.0 * memoryMbByFunction.getOrDefault(i.function(), 128) / 1024.0;
      String trigger = i.trigger();
      if (trigger.startsWith("schedule ")) {
        scheduled++;
      } else if (trigger.startsWith("SQS ")) {
        sqs += 2; // the event source mapping's ReceiveMessage and DeleteMessageBatch
      } else if (trigger.contains(" /")) {
        http++;
        if (trigger.equals("GET /reports/form")) {
          forms++;
        }
      }
      synchronized (i.calls()) {
        for (CallLedger.Call c : i.calls()) {
          rru += c.readUnits();
          wru += c.writeUnits();
          if (c.service().equals("Sqs")) {
            sqs++;
          } else if (c.service().equals("Ses") && c.operation().startsWith("Send")) {
            emails++;
          }
        }
      }
    }
    return new YearUsage(rru, wru, requests, gbSeconds, http, sqs, sqsEventSources, emails, scheduled, forms, logBytes,
        alarms, kmsKeys, secrets);
  }

  String describe() {
    return String.format(Locale.ROOT, "%.0f RRU, %.0f WRU, %d invocations, %.0f GB-s, %d API requests, %d SQS "
        + "requests + idle polling of %d queues, %d e-mails, %d scheduled runs", readRequestUnits, writeRequestUnits,
        lambdaRequests, lambdaGbSeconds, httpRequests, sqsRequests, sqsEventSources, emails, scheduledInvocations);
  }

  ObjectNode toJson() {
    return Json.object().put("dynamodbReadRequestUnits", readRequestUnits).put("dynamodbWriteRequestUnits",
        writeRequestUnits).put("lambdaRequests", lambdaRequests).put("lambdaGbSeconds", lambdaGbSeconds)
        .put("apiRequests", httpRequests).put("sqsRequests", sqsRequests).put("sqsEventSources", sqsEventSources)
        .put("emails", emails).put("schedulerInvocations", scheduledInvocations).put("reportFormLoads", formLoads)
        .put("logBytes", logBytes).put("alarms", alarms).put("kmsKeys", kmsKeys).put("secrets", secrets);
  }
}
