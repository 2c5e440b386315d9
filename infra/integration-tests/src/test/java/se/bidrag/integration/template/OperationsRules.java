package se.bidrag.integration.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What template.yaml must hold to be operable on AWS, checked by walking the parsed template: every
 * alarm notifies a person; every queue has a dead-letter queue and an alarm (a failure queue: an alarm
 * on its messages); every scheduled function has an on-failure destination and a stack-unique schedule
 * name; every function has its own JSON log group with a retention; no SQS consumer uses reserved
 * concurrency, each caps its event source's concurrency, and each queue's visibility timeout is at least
 * six times its consumer's timeout; errors and throttles of every function, the API's 5xx, SES reputation
 * and DynamoDB throttling are alarmed; data at rest is protected. Each finding names the resource.
 */
final class OperationsRules {
  private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
  private final Map<String, Object> globals;
  private final List<String> findings = new ArrayList<>();
  private final List<Map<String, Object>> alarms = new ArrayList<>();
  /** How many of each kind were checked (so that a check that looked at nothing shows). */
  final Map<String, Integer> checked = new LinkedHashMap<>();

  private OperationsRules(Map<String, Object> root) {
    map(root.get("Resources")).forEach((id, r) -> resources.put(id, map(r)));
    Map<String, Object> g = map(root.getOrDefault("Globals", Map.of()));
    this.globals = map(g.getOrDefault("Function", Map.of()));
    resources.values().stream().filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type")))
        .forEach(r -> alarms.add(props(r)));
  }

  /** Every finding in the template; empty when it holds. */
  static OperationsRules check(Map<String, Object> root) {
    OperationsRules rules = new OperationsRules(root);
    rules.alarmsNotify();
    rules.queues();
    rules.functions();
    rules.api();
    rules.dataAtRest();
    rules.timeline();
    return rules;
  }

  List<String> findings() {
    return findings;
  }

  private void count(String what) {
    checked.merge(what, 1, Integer::sum);
  }

  // ---------------------------------------------------------------- alarms reach a person

  private void alarmsNotify() {
    Set<String> emailTopics = new HashSet<>();
    ofType("AWS::SNS::Topic").forEach((id, r) -> {
      for (Object s : list(props(r).get("Subscription"))) {
        if ("email".equals(map(s).get("Protocol")) && ref(map(s).get("Endpoint")) != null) {
          emailTopics.add(id);
        }
      }
    });
    ofType("AWS::CloudWatch::Alarm").forEach((id, r) -> {
      count("alarms");
      List<Object> actions = list(props(r).get("AlarmActions"));
      if (actions.isEmpty() || actions.stream().map(OperationsRules::ref).noneMatch(emailTopics::contains)) {
        findings.add(id + ": an alarm without an action that e-mails a person (AlarmActions: [!Ref <topic with an "
            + "e-mail subscription>])");
      }
    });
  }

  // ---------------------------------------------------------------- queues

  private void queues() {
    Set<String> terminal = new HashSet<>();
    ofType("AWS::SQS::Queue").forEach((id, r) -> {
      Object policy = props(r).get("RedrivePolicy");
      if (policy != null) {
        terminal.add(getAtt(map(policy).get("deadLetterTargetArn"), "Arn"));
      }
    });
    functionsById().forEach((fn, p) -> {
      terminal.add(getAtt(path(p, "EventInvokeConfig", "DestinationConfig", "OnFailure", "Destination"), "Arn"));
      events(p).forEach((name, e) -> terminal.add(getAtt(path(e, "Properties", "DeadLetterConfig", "Arn"), "Arn")));
    });
    ofType("AWS::SQS::Queue").forEach((id, r) -> {
      count("queues");
      Map<String, Object> p = props(r);
      if (!Boolean.TRUE.equals(p.get("SqsManagedSseEnabled")) && p.get("KmsMasterKeyId") == null) {
        findings.add(id + ": a queue without server-side encryption (SqsManagedSseEnabled: true)");
      }
      if (terminal.contains(id)) {
        requireAlarm(id, "AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", getAttOf(id, "QueueName"),
            "a failure queue without an alarm on its messages");
      } else {
        String dlq = p.get("RedrivePolicy") == null ? null : getAtt(map(p.get("RedrivePolicy")).get("deadLetterTargetArn"), "Arn");
        if (dlq == null || !ofType("AWS::SQS::Queue").containsKey(dlq)) {
          findings.add(id + ": a queue without a dead-letter queue (RedrivePolicy.deadLetterTargetArn: !GetAtt <queue>.Arn)");
        }
      }
      requireAlarm(id, "AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", getAttOf(id, "QueueName"),
          "a queue without an alarm on its oldest message's age");
    });
  }

  // ---------------------------------------------------------------- functions

  private void functions() {
    Set<String> logGroups = new HashSet<>();
    functionsById().forEach((fn, p) -> {
      count("functions");
      Object format = path(p, "LoggingConfig", "LogFormat");
      String group = ref(path(p, "LoggingConfig", "LogGroup"));
      if (!"JSON".equals(format) || group == null) {
        findings.add(fn + ": no LoggingConfig with LogFormat JSON and LogGroup: !Ref <its log group>");
      } else {
        requireRetention(fn, group);
        if (!logGroups.add(group)) {
          findings.add(fn + ": shares log group " + group + " with another function");
        }
      }
      // X-Ray: SAM gives a function with Tracing: Active the AWSXrayWriteOnlyAccess policy. (An HTTP API cannot
      // be traced: X-Ray supports REST APIs only, so a request's trace begins at its function.)
      if (!"Active".equals(p.getOrDefault("Tracing", globals.get("Tracing")))) {
        findings.add(fn + ": X-Ray tracing is not Active");
      }
      if ("PaymentFileFunction".equals(fn) && !p.containsKey("Timeout")) {
        findings.add(fn + ": inherits the global timeout; a run's closing message files up to 10 000 orders and needs "
            + "a timeout chosen for it");
      }
      requireAlarm(fn, "AWS/Lambda", "Errors", "FunctionName", Map.of("Ref", fn), "a function without an Errors alarm");
      requireAlarm(fn, "AWS/Lambda", "Throttles", "FunctionName", Map.of("Ref", fn), "a function without a Throttles alarm");
      Map<String, Map<String, Object>> events = events(p);
      boolean scheduled = events.values().stream().anyMatch(e -> "ScheduleV2".equals(e.get("Type")));
      if (scheduled) {
        scheduledFunction(fn, p, events);
      }
      events.forEach((name, e) -> {
        if ("SQS".equals(e.get("Type"))) {
          sqsConsumer(fn, name, p, map(e.get("Properties")));
        }
      });
    });
  }

  private void scheduledFunction(String fn, Map<String, Object> p, Map<String, Map<String, Object>> events) {
    count("scheduled functions");
    Object config = p.get("EventInvokeConfig");
    if (config == null || !(map(config).get("MaximumRetryAttempts") instanceof Integer)
        || !(map(config).get("MaximumEventAgeInSeconds") instanceof Integer)) {
      findings.add(fn + ": a scheduled function without an EventInvokeConfig that chooses MaximumRetryAttempts and "
          + "MaximumEventAgeInSeconds");
    }
    String destination = getAtt(path(p, "EventInvokeConfig", "DestinationConfig", "OnFailure", "Destination"), "Arn");
    if (!"SQS".equals(path(p, "EventInvokeConfig", "DestinationConfig", "OnFailure", "Type"))
        || !ofType("AWS::SQS::Queue").containsKey(destination)) {
      findings.add(fn + ": a scheduled function without an on-failure destination queue (its failed runs would be "
          + "dropped silently)");
    }
    events.forEach((name, e) -> {
      Map<String, Object> ep = map(e.getOrDefault("Properties", Map.of()));
      boolean unique = ep.containsKey("Name") ? String.valueOf(ep.get("Name")).contains("AWS::StackName")
          : Boolean.TRUE.equals(ep.get("OmitName"));
      if ("ScheduleV2".equals(e.get("Type")) && !unique) {
        findings.add(fn + ".Events." + name + ": a schedule named by its logical id (two stacks in one account "
            + "collide): OmitName: true, or a Name with ${AWS::StackName}");
      }
    });
  }

  private void sqsConsumer(String fn, String event, Map<String, Object> p, Map<String, Object> e) {
    count("SQS consumers");
    if (p.containsKey("ReservedConcurrentExecutions") || globals.containsKey("ReservedConcurrentExecutions")) {
      findings.add(fn + ": an SQS consumer with ReservedConcurrentExecutions (throttled receives count toward "
          + "maxReceiveCount); cap the event source's ScalingConfig.MaximumConcurrency instead");
    }
    Object cap = path(e, "ScalingConfig", "MaximumConcurrency");
    if (cap == null) {
      findings.add(fn + ".Events." + event + ": no ScalingConfig.MaximumConcurrency");
    }
    Object senders = path(p, "Environment", "Variables", "EMAIL_SENDERS");
    if (senders != null && !Objects.equals(senders, cap)) {
      findings.add(fn + ": EMAIL_SENDERS (" + senders + ") is not its event source's MaximumConcurrency (" + cap
          + "): the senders would not share the SES quota as they run");
    }
    String queue = getAtt(e.get("Queue"), "Arn");
    Map<String, Object> q = queue == null ? null : resources.get(queue);
    int timeout = number(p.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)));
    int visibility = q == null ? 30 : number(props(q).getOrDefault("VisibilityTimeout", 30));
    if (visibility < 6 * timeout) {
      findings.add(queue + ": VisibilityTimeout " + visibility + " s is less than six times " + fn + "'s timeout ("
          + timeout + " s)");
    }
  }

  // ---------------------------------------------------------------- the API and data at rest

  private void api() {
    ofType("AWS::Serverless::HttpApi").forEach((id, r) -> {
      count("HTTP APIs");
      Map<String, Object> p = props(r);
      String group = getAtt(path(p, "AccessLogSettings", "DestinationArn"), "Arn");
      if (group == null || path(p, "AccessLogSettings", "Format") == null) {
        findings.add(id + ": no AccessLogSettings (DestinationArn: !GetAtt <log group>.Arn, Format)");
      } else {
        requireRetention(id, group);
      }
      if (path(p, "DefaultRouteSettings", "ThrottlingRateLimit") == null
          || path(p, "DefaultRouteSettings", "ThrottlingBurstLimit") == null) {
        findings.add(id + ": no DefaultRouteSettings throttling (ThrottlingRateLimit, ThrottlingBurstLimit)");
      }
      requireAlarm(id, "AWS/ApiGateway", "5xx", "ApiId", Map.of("Ref", id), "an HTTP API without a 5xx alarm");
    });
    if (!ofType("AWS::SES::ConfigurationSet").isEmpty()) {
      for (String metric : List.of("Reputation.BounceRate", "Reputation.ComplaintRate")) {
        if (alarms.stream().noneMatch(a -> "AWS/SES".equals(a.get("Namespace")) && metric.equals(a.get("MetricName")))) {
          findings.add("SES: no alarm on " + metric);
        }
      }
    }
  }

  private void dataAtRest() {
    ofType("AWS::DynamoDB::Table").forEach((id, r) -> {
      count("tables");
      Map<String, Object> p = props(r);
      if (!Boolean.TRUE.equals(p.get("DeletionProtectionEnabled"))) {
        findings.add(id + ": a table without DeletionProtectionEnabled: true");
      }
      if (!Boolean.TRUE.equals(path(p, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled"))) {
        findings.add(id + ": a table without point-in-time recovery");
      }
      if (!Boolean.TRUE.equals(path(p, "SSESpecification", "SSEEnabled"))) {
        findings.add(id + ": a table without SSESpecification.SSEEnabled");
      }
      for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
        requireAlarm(id, "AWS/DynamoDB", metric, "TableName", Map.of("Ref", id), "a table without a " + metric + " alarm");
      }
    });
    ofType("AWS::SNS::Topic").forEach((id, r) -> {
      count("topics");
      if (props(r).get("KmsMasterKeyId") == null) {
        findings.add(id + ": a topic without server-side encryption (KmsMasterKeyId)");
      }
    });
  }

  // ---------------------------------------------------------------- the timeline the grant's route shows

  /** GET /grants/{grantId} shows the daily runs' times: the values given to AllocationFunction match the schedules. */
  private void timeline() {
    Map<String, Object> env = map(path(functionsById().getOrDefault("AllocationFunction", Map.of()), "Environment", "Variables"));
    for (String[] x : new String[][] {{"BIDRAG_PAYOUT_DAILY_AT", "PayoutJobFunction"}, {"BIDRAG_INVOICING_DAILY_AT", "InvoicingJobFunction"},
        {"BIDRAG_REDISTRIBUTION_DAILY_AT", "RedistributionJobFunction"}}) {
      count("timeline");
      Object cron = path(functionsById().getOrDefault(x[1], Map.of()), "Events", "Daily", "Properties", "ScheduleExpression");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("cron\\((\\d+) (\\d+) \\* \\* \\? \\*\\)").matcher(String.valueOf(cron));
      String at = m.matches() ? String.format("%02d:%02d", Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))) : "?";
      if (!at.equals(String.valueOf(env.get(x[0])))) {
        findings.add("AllocationFunction: " + x[0] + " is " + env.get(x[0]) + " but " + x[1] + " runs daily at " + at);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private void requireAlarm(String id, String namespace, String metric, String dimension, Object value, String finding) {
    // the metric of this resource as a whole: its one dimension (not, say, a table's index or a function's alias)
    boolean found = alarms.stream().anyMatch(a -> namespace.equals(a.get("Namespace")) && metric.equals(a.get("MetricName"))
        && list(a.get("Dimensions")).size() == 1 && list(a.get("Dimensions")).stream().map(OperationsRules::map)
            .anyMatch(d -> dimension.equals(d.get("Name")) && value.equals(d.get("Value"))));
    if (!found) {
      findings.add(id + ": " + finding + " (" + namespace + " " + metric + ")");
    }
  }

  private void requireRetention(String owner, String group) {
    Map<String, Object> g = resources.get(group);
    if (g == null || !"AWS::Logs::LogGroup".equals(g.get("Type")) || props(g).get("RetentionInDays") == null) {
      findings.add(owner + ": its log group " + group + " is not an AWS::Logs::LogGroup with RetentionInDays");
    }
  }

  private Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    resources.forEach((id, r) -> {
      if (type.equals(r.get("Type"))) {
        out.put(id, r);
      }
    });
    return out;
  }

  private Map<String, Map<String, Object>> functionsById() {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    ofType("AWS::Serverless::Function").forEach((id, r) -> out.put(id, props(r)));
    return out;
  }

  private static Map<String, Map<String, Object>> events(Map<String, Object> functionProps) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    map(functionProps.getOrDefault("Events", Map.of())).forEach((k, v) -> out.put(k, map(v)));
    return out;
  }

  private static Map<String, Object> props(Map<String, Object> resource) {
    return map(resource.getOrDefault("Properties", Map.of()));
  }

  private static Object path(Map<String, Object> m, String... keys) {
    Object o = m;
    for (String k : keys) {
      if (!(o instanceof Map<?, ?> x)) {
        return null;
      }
      o = x.get(k);
    }
    return o;
  }

  /** The logical id of a {@code !GetAtt X.attribute}, or null. */
  private static String getAtt(Object value, String attribute) {
    if (value instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> l && l.size() == 2
        && attribute.equals(l.get(1))) {
      return String.valueOf(l.get(0));
    }
    return null;
  }

  private static Map<String, Object> getAttOf(String id, String attribute) {
    return Map.of("Fn::GetAtt", List.of(id, attribute));
  }

  /** The logical id of a {@code !Ref X}, or null. */
  private static String ref(Object value) {
    return value instanceof Map<?, ?> m && m.get("Ref") instanceof String s ? s : null;
  }

  private static int number(Object o) {
    return o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> ? (Map<String, Object>) o : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    return o instanceof List<?> ? (List<Object>) o : List.of();
  }
}
