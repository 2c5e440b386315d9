package se.bidrag.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;

/**
 * What one function's first invocation spends on telemetry, in a fresh JVM (started by
 * {@code ./bidrag bench telemetry}): one log line with the invocation's context (request id, function,
 * grant, correlation id) and one business metric in embedded metric format, written by {@code own}
 * (se.bidrag.platform.Log and EmfMetrics, in the deployment jar) or by {@code powertools} (Powertools for
 * AWS Lambda (Java) 2.9: logging on Log4j 2 with its JSON layout, metrics), or nothing ({@code none}: the
 * baseline). Jackson is loaded first in every variant, as every function has it loaded before it logs (it reads
 * its event with it). Prints one line: {@code TELEMETRY first_ms=... second_ms=...}.
 */
public final class TelemetryProbe {
  private static final String GRANT = "god-och-nara-vard-2025";

  private TelemetryProbe() {}

  public static void main(String[] args) throws Exception {
    Context context = new ProbeContext();
    // every function has Jackson loaded before it logs (it reads its event with it): not telemetry's cost
    se.bidrag.json.Json.parse("{\"warm\":1}").toString();
    long t0 = System.nanoTime();
    invoke(args[0], context, "e-tjanst-1");
    long t1 = System.nanoTime();
    invoke(args[0], context, "e-tjanst-2");
    long t2 = System.nanoTime();
    System.out.printf("TELEMETRY first_ms=%.1f second_ms=%.2f%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
  }

  private static void invoke(String mode, Context context, String correlationId) {
    switch (mode) {
      case "none" -> { }
      case "own" -> Own.invoke(context, correlationId);
      case "powertools" -> Powertools.invoke(context, correlationId);
      default -> throw new IllegalArgumentException(mode);
    }
  }

  /** Ours: the context scope, one line, one EMF document. */
  static final class Own {
    private static final se.bidrag.platform.EmfMetrics METRICS = new se.bidrag.platform.EmfMetrics(Clock.systemUTC());

    static void invoke(Context context, String correlationId) {
      try (var scope = se.bidrag.platform.LogContext.invocation(context, correlationId, GRANT)) {
        se.bidrag.platform.Log.info("request", "route", "PUT /grants/{grantId}/requisitions/{recipientId}", "status", 201,
            "ms", 12);
        METRICS.count(se.bidrag.metrics.Metric.REQUISITIONS_ACCEPTED, GRANT, 1);
      }
    }
  }

  /** Powertools' functional API (no AspectJ weaving): the same line and metric. */
  static final class Powertools {
    static void invoke(Context context, String correlationId) {
      software.amazon.lambda.powertools.logging.PowertoolsLogging.withLogging(context, () -> {
        org.slf4j.MDC.put("correlation_id", correlationId);
        org.slf4j.MDC.put("grant", GRANT);
        org.slf4j.LoggerFactory.getLogger("se.bidrag.bench").info("request {} {} {}",
            software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("route",
                "PUT /grants/{grantId}/requisitions/{recipientId}"),
            software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("status", 201),
            software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("ms", 12));
        var metrics = software.amazon.lambda.powertools.metrics.MetricsFactory.getMetricsInstance();
        metrics.setNamespace("Bidrag");
        metrics.addDimension("Grant", GRANT);
        metrics.addMetric("RequisitionsAccepted", 1, software.amazon.lambda.powertools.metrics.model.MetricUnit.COUNT);
        metrics.flush();
        return null;
      });
    }
  }

  /** The Lambda context the runtime would give. */
  static final class ProbeContext implements Context {
    @Override public String getAwsRequestId() { return "5f0b6f6e-1c1a-4a55-9d1e-000000000001"; }
    @Override public String getLogGroupName() { return "/aws/lambda/RequisitionFunction"; }
    @Override public String getLogStreamName() { return "probe"; }
    @Override public String getFunctionName() { return "RequisitionFunction"; }
    @Override public String getFunctionVersion() { return "1"; }
    @Override public String getInvokedFunctionArn() {
      return "arn:aws:lambda:eu-north-1:000000000000:function:RequisitionFunction:live";
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 29_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
  }
}
