package se.bidrag.platform;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import se.bidrag.json.Json;
import se.bidrag.metrics.BusinessMetrics;
import se.bidrag.metrics.Metric;

/**
 * Business metrics as CloudWatch embedded metric format (EMF): one JSON line per counted event on the
 * log's stdout, which CloudWatch Logs turns into a metric (namespace {@code Bidrag}, dimension
 * {@code Grant}, unit Count) without an API call. The line also carries the invocation's log context
 * (request id, function, correlation id) as properties, searchable in Logs Insights but not dimensions
 * (one time series per grant, not per request).
 */
public final class EmfMetrics implements BusinessMetrics {
  public static final String NAMESPACE = "Bidrag";
  private final Clock clock;

  public EmfMetrics(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void count(Metric metric, String grantId, long n) {
    if (n <= 0) {
      return;
    }
    try {
      Log.emit(Json.write(document(metric, grantId, n)));
    } catch (RuntimeException e) {
      Log.warn("metric not written", "metric", metric.metricName(), "error", String.valueOf(e));
    }
  }

  ObjectNode document(Metric metric, String grantId, long n) {
    ObjectNode o = Json.object();
    ObjectNode aws = o.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray();
    if (grantId != null) {
      dimensionSet.add("Grant");
      o.put("Grant", grantId);
    }
    directive.putArray("Metrics").addObject().put("Name", metric.metricName()).put("Unit", "Count");
    o.put(metric.metricName(), n);
    LogContext c = LogContext.current();
    if (c.function() != null) {
      o.put("function", c.function());
    }
    if (c.requestId() != null) {
      o.put("requestId", c.requestId());
    }
    if (c.correlationId() != null) {
      o.put("correlationId", c.correlationId());
    }
    return o;
  }
}
