package se.bidrag.local;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What invokes the functions, read from template.yaml: each function's events (HttpApi routes, SQS
 * event sources with their ScalingConfig, ScheduleV2 schedules) and its EventInvokeConfig (how Lambda
 * treats its asynchronous invocations). An event type the local stack does not run is an error.
 */
final class Triggers {
  final List<LocalApi.Route> routes = new ArrayList<>();
  final List<SqsEventSource> sources = new ArrayList<>();
  final List<LocalScheduler.Schedule> schedules = new ArrayList<>();
  final Map<String, AsyncInvoker.Config> asyncConfigs = new LinkedHashMap<>();

  private final Intrinsics intrinsics;
  private final Provisioner.Provisioned resources;
  private final software.amazon.awssdk.services.sqs.SqsClient sqs;
  private final Integer sqsRetryDelaySeconds;
  private final Instant now;

  private Triggers(Intrinsics intrinsics, Provisioner.Provisioned resources,
      software.amazon.awssdk.services.sqs.SqsClient sqs, Integer sqsRetryDelaySeconds, Instant now) {
    this.intrinsics = intrinsics;
    this.resources = resources;
    this.sqs = sqs;
    this.sqsRetryDelaySeconds = sqsRetryDelaySeconds;
    this.now = now;
  }

  static Triggers read(Iterable<LocalFunction> functions, Intrinsics intrinsics, Provisioner.Provisioned resources,
      software.amazon.awssdk.services.sqs.SqsClient sqs, Integer sqsRetryDelaySeconds, Instant now) {
    Triggers t = new Triggers(intrinsics, resources, sqs, sqsRetryDelaySeconds, now);
    for (LocalFunction fn : functions) {
      t.asyncConfig(fn);
      for (SamTemplate.Event e : fn.definition().events()) {
        String where = fn.name() + ".Events." + e.name();
        switch (e.type()) {
          case "HttpApi" -> t.routes.add(route(fn, e, where));
          case "SQS" -> t.sources.add(t.sqsSource(fn, e, where));
          case "ScheduleV2" -> t.schedules.add(t.schedule(fn, e, where));
          default -> throw new IllegalStateException("template.yaml: " + where + ": event type " + e.type()
              + " is not run by the local stack");
        }
      }
    }
    return t;
  }

  private static LocalApi.Route route(LocalFunction fn, SamTemplate.Event e, String where) {
    String path = String.valueOf(e.properties().get("Path"));
    String method = String.valueOf(e.properties().getOrDefault("Method", "ANY")).toUpperCase(Locale.ROOT);
    boolean authorized = true;
    List<String> scopes = List.of();
    Object auth = e.properties().get("Auth");
    if (auth != null) {
      Map<String, Object> a = SamTemplate.map(auth, where + ".Auth");
      authorized = !"NONE".equals(a.get("Authorizer"));
      if (a.get("AuthorizationScopes") instanceof List<?> list) {
        scopes = list.stream().map(String::valueOf).toList();
      }
    }
    LocalApi.Throttle throttle = null;
    if (e.properties().get("RouteSettings") instanceof Map<?, ?> rs && rs.get("ThrottlingRateLimit") != null) {
      throttle = new LocalApi.Throttle(Double.parseDouble(String.valueOf(rs.get("ThrottlingRateLimit"))),
          Integer.parseInt(String.valueOf(rs.get("ThrottlingBurstLimit") == null ? rs.get("ThrottlingRateLimit")
              : rs.get("ThrottlingBurstLimit"))));
    }
    return new LocalApi.Route(method, path, LocalApi.segments(path), fn, authorized, scopes, throttle);
  }

  private SqsEventSource sqsSource(LocalFunction fn, SamTemplate.Event e, String where) {
    String arn = intrinsics.resolve(e.properties().get("Queue"), where + ".Queue");
    int batchSize = Integer.parseInt(String.valueOf(e.properties().getOrDefault("BatchSize", 10)));
    Object types = e.properties().get("FunctionResponseTypes");
    boolean partial = types instanceof List<?> l && l.contains("ReportBatchItemFailures");
    int concurrency = SqsEventSource.DEFAULT_CONCURRENCY;
    if (e.properties().get("ScalingConfig") instanceof Map<?, ?> scaling && scaling.get("MaximumConcurrency") != null) {
      concurrency = Integer.parseInt(intrinsics.resolve(scaling.get("MaximumConcurrency"),
          where + ".ScalingConfig.MaximumConcurrency"));
      if (concurrency < 2 || concurrency > 1000) {
        throw new IllegalStateException("template.yaml: " + where + ".ScalingConfig.MaximumConcurrency must be 2 to 1000 "
            + "(as on AWS), not " + concurrency);
      }
    }
    return new SqsEventSource(fn, sqs, resources.queueUrlByArn(arn), arn, batchSize, partial, sqsRetryDelaySeconds,
        concurrency);
  }

  private LocalScheduler.Schedule schedule(LocalFunction fn, SamTemplate.Event e, String where) {
    Map<String, Object> p = e.properties();
    String expression = intrinsics.resolve(p.get("ScheduleExpression"), where + ".ScheduleExpression");
    ZoneId zone = ZoneId.of(String.valueOf(p.getOrDefault("ScheduleExpressionTimezone", "UTC")));
    String dlq = null;
    if (p.get("DeadLetterConfig") instanceof Map<?, ?> dl && dl.get("Arn") != null) {
      dlq = resources.queueUrlByArn(intrinsics.resolve(dl.get("Arn"), where + ".DeadLetterConfig.Arn"));
    }
    String input = p.get("Input") == null ? "{}" : intrinsics.resolve(p.get("Input"), where + ".Input");
    boolean enabled = !"DISABLED".equals(String.valueOf(p.getOrDefault("State", "ENABLED")));
    return new LocalScheduler.Schedule(fn.name() + "." + e.name(), fn, ScheduleExpression.parse(expression, zone, now),
        expression, input, dlq, enabled, now);
  }

  /** EventInvokeConfig: retries (0 to 2), event age (60 to 21 600 s) and the on-failure destination, as AWS allows. */
  private void asyncConfig(LocalFunction fn) {
    Map<String, Object> props = fn.definition().properties();
    String where = fn.name() + ".EventInvokeConfig";
    Object alias = props.get("AutoPublishAlias");
    String qualifier = alias == null ? null : intrinsics.resolve(alias, fn.name() + ".AutoPublishAlias");
    if (!(props.get("EventInvokeConfig") instanceof Map<?, ?> c)) {
      asyncConfigs.put(fn.name(), new AsyncInvoker.Config(AsyncInvoker.Config.DEFAULT_RETRIES,
          AsyncInvoker.Config.DEFAULT_EVENT_AGE, null, qualifier));
      return;
    }
    int retries = c.get("MaximumRetryAttempts") == null ? AsyncInvoker.Config.DEFAULT_RETRIES
        : Integer.parseInt(intrinsics.resolve(c.get("MaximumRetryAttempts"), where + ".MaximumRetryAttempts"));
    int age = c.get("MaximumEventAgeInSeconds") == null ? AsyncInvoker.Config.DEFAULT_EVENT_AGE
        : Integer.parseInt(intrinsics.resolve(c.get("MaximumEventAgeInSeconds"), where + ".MaximumEventAgeInSeconds"));
    if (retries < 0 || retries > 2 || age < 60 || age > 21_600) {
      throw new IllegalStateException("template.yaml: " + where + ": MaximumRetryAttempts must be 0 to 2 and "
          + "MaximumEventAgeInSeconds 60 to 21600 (as on AWS), not " + retries + " and " + age);
    }
    String onFailure = null;
    if (c.get("DestinationConfig") instanceof Map<?, ?> d && d.get("OnFailure") instanceof Map<?, ?> f) {
      if (!"SQS".equals(f.get("Type"))) {
        throw new IllegalStateException("template.yaml: " + where + ".DestinationConfig.OnFailure: the local stack "
            + "delivers invocation records to SQS queues only, not " + f.get("Type"));
      }
      onFailure = resources.queueUrlByArn(intrinsics.resolve(f.get("Destination"),
          where + ".DestinationConfig.OnFailure.Destination"));
      if (onFailure.endsWith(".fifo")) {
        throw new IllegalStateException("template.yaml: " + where + ": an on-failure destination cannot be a FIFO queue");
      }
    }
    asyncConfigs.put(fn.name(), new AsyncInvoker.Config(retries, age, onFailure, qualifier));
  }
}
