package se.bidrag.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.bidrag.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates what template.yaml declares in the emulators: tables (keys, GSIs, TTL) in DynamoDB Local,
 * queues (FIFO, dead-letter redrive) in ElasticMQ. Functions, the HTTP API and schedules are run
 * by the local runtime. Resource types with no local meaning (alarms, topics, ...) are listed as
 * not emulated; any other type is an error, never a silent skip, so local and cloud cannot drift.
 */
public final class Provisioner {
  /** Types whose effect exists only on AWS, and why that is acceptable locally. */
  static final Map<String, String> NOT_EMULATED = Map.ofEntries(
      Map.entry("AWS::CloudWatch::Alarm", "alarms are evaluated by CloudWatch on AWS only"),
      Map.entry("AWS::SNS::Topic", "alarm notifications are delivered on AWS only"),
      Map.entry("AWS::SQS::QueuePolicy", "the emulators do not enforce resource policies"),
      Map.entry("AWS::SES::ConfigurationSet", "the SES emulator has no configuration sets; bounces are injected by tests"),
      Map.entry("AWS::SES::ConfigurationSetEventDestination",
          "the SES emulator publishes no events; bounces are injected by tests"),
      Map.entry("AWS::Events::Rule", "SES events reach the bounce queue on AWS only; tests put bounces on the queue"),
      Map.entry("AWS::Logs::LogGroup", "functions log to stdout locally"),
      Map.entry("AWS::SNS::Subscription", "SES events reach the SES event queue on AWS only; tests put them on the queue"),
      Map.entry("AWS::S3::Bucket", "the local site server serves web/site/ from disk"),
      Map.entry("AWS::S3::BucketPolicy", "the local site server serves web/site/ from disk"),
      Map.entry("AWS::CloudFront::OriginAccessControl", "the local site server serves web/site/ from disk"),
      Map.entry("AWS::CloudFront::Function", "the local site server maps /folder/ to /folder/index.html itself"),
      Map.entry("AWS::CloudFront::Distribution", "the local site server stands in for the distribution"),
      Map.entry("AWS::CloudFront::ResponseHeadersPolicy",
          "the local site server sends the policy's security headers (connect-src: the local API)"),
      Map.entry("AWS::KMS::Key", "encryption keys exist on AWS only; the emulators keep their data unencrypted in memory"));
  /** Types the local runtime runs itself. */
  static final Set<String> RUN_LOCALLY = Set.of("AWS::Serverless::Function", "AWS::Serverless::HttpApi");

  private final SamTemplate template;
  private final DynamoDbClient dynamoDb;
  private final SqsClient sqs;
  private final Map<String, String> parameterValues;
  private final String region;

  public Provisioner(SamTemplate template, DynamoDbClient dynamoDb, SqsClient sqs, Map<String, String> parameterValues,
      String region) {
    this.template = template;
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.parameterValues = parameterValues;
    this.region = region;
  }

  /** What was created, by logical id: Ref values and attributes (Arn, QueueUrl, ...). */
  public static final class Provisioned implements Intrinsics.Names {
    final Map<String, String> refs = new LinkedHashMap<>();
    final Map<String, Map<String, String>> attributes = new HashMap<>();
    final Map<String, String> types = new LinkedHashMap<>();
    final List<String> notEmulated = new ArrayList<>();
    final Map<String, SamTemplate.Resource> tables = new LinkedHashMap<>();
    final Map<String, String> queueUrls = new LinkedHashMap<>();
    final Map<String, String> queueArns = new LinkedHashMap<>();
    final Map<String, String> secretArns = new LinkedHashMap<>();

    /** Secrets by logical id → ARN (their values are generated and served by the local Secrets Manager). */
    public Map<String, String> secretArns() {
      return secretArns;
    }

    @Override
    public String ref(String logicalId) {
      String v = refs.get(logicalId);
      if (v == null) {
        throw new IllegalStateException("template.yaml: !Ref " + logicalId + " has no local value");
      }
      return v;
    }

    @Override
    public String attribute(String logicalId, String attribute) {
      String v = attributes.getOrDefault(logicalId, Map.of()).get(attribute);
      if (v == null) {
        throw new IllegalStateException("template.yaml: !GetAtt " + logicalId + "." + attribute + " has no local value");
      }
      return v;
    }

    /** Table logical id → physical name. */
    public Map<String, String> tableNames() {
      Map<String, String> out = new LinkedHashMap<>();
      tables.keySet().forEach(id -> out.put(id, refs.get(id)));
      return out;
    }

    /** Queue logical id → URL. */
    public Map<String, String> queueUrls() {
      return queueUrls;
    }

    public String queueUrlByArn(String arn) {
      for (var e : queueArns.entrySet()) {
        if (e.getValue().equals(arn)) {
          return queueUrls.get(e.getKey());
        }
      }
      throw new IllegalStateException("no local queue with ARN " + arn);
    }

    public List<String> notEmulated() {
      return notEmulated;
    }

    public Map<String, String> types() {
      return types;
    }
  }

  public Provisioned provision() {
    Provisioned p = new Provisioned();
    p.refs.put("AWS::Region", region);
    p.refs.put("AWS::AccountId", ElasticMq.ACCOUNT);
    p.refs.put("AWS::StackName", "bidrag-local");
    p.refs.put("AWS::Partition", "aws");
    p.refs.put("AWS::URLSuffix", "localhost");
    template.parameters().forEach((name, def) -> {
      String value = parameterValues.get(name);
      if (value == null) {
        Object d = SamTemplate.map(def, "Parameters." + name).get("Default");
        if (d == null) {
          throw new IllegalStateException("template.yaml: parameter " + name + " has no default and no local value");
        }
        value = String.valueOf(d);
      }
      p.refs.put(name, value);
    });
    Intrinsics intrinsics = new Intrinsics(p);
    Map<String, SamTemplate.Resource> resources = template.resources();
    for (SamTemplate.Resource r : resources.values()) {
      p.types.put(r.logicalId(), r.type());
      if (NOT_EMULATED.containsKey(r.type())) {
        p.notEmulated.add(r.logicalId() + " (" + r.type() + "): " + NOT_EMULATED.get(r.type()));
      } else if (!RUN_LOCALLY.contains(r.type()) && !r.type().equals("AWS::DynamoDB::Table")
          && !r.type().equals("AWS::SQS::Queue") && !r.type().equals("AWS::SecretsManager::Secret")) {
        throw new IllegalStateException("template.yaml uses resource type " + r.type() + " (" + r.logicalId()
            + "), which the local stack cannot create; teach se.bidrag.local.Provisioner about it");
      }
    }
    for (SamTemplate.Resource r : resources.values()) {
      if (r.type().equals("AWS::DynamoDB::Table")) {
        createTable(r, intrinsics, p);
      }
    }
    // queues without a redrive policy first, so that the dead-letter queues exist when referenced
    List<SamTemplate.Resource> queues = resources.values().stream().filter(r -> r.type().equals("AWS::SQS::Queue"))
        .sorted((a, b) -> Boolean.compare(a.properties().containsKey("RedrivePolicy"),
            b.properties().containsKey("RedrivePolicy"))).toList();
    for (SamTemplate.Resource q : queues) {
      createQueue(q, intrinsics, p);
    }
    for (SamTemplate.Resource r : resources.values()) {
      if (r.type().equals("AWS::Serverless::HttpApi")) {
        p.refs.put(r.logicalId(), "local-" + r.logicalId().toLowerCase(java.util.Locale.ROOT));
      } else if (r.type().equals("AWS::Serverless::Function")) {
        p.refs.put(r.logicalId(), r.logicalId());
        p.attributes.put(r.logicalId(), Map.of("Arn", "arn:aws:lambda:" + region + ":" + ElasticMq.ACCOUNT
            + ":function:" + r.logicalId()));
      } else if (NOT_EMULATED.containsKey(r.type())) {
        // no local resource: references to it are empty (e.g. no SES configuration set locally)
        p.refs.put(r.logicalId(), "");
        p.attributes.put(r.logicalId(), Map.of("Arn", "arn:aws:local:not-emulated:" + r.logicalId()));
      } else if (r.type().equals("AWS::SecretsManager::Secret")) {
        // served by the local Secrets Manager, which generates its value for this run
        String arn = "arn:aws:secretsmanager:" + region + ":" + ElasticMq.ACCOUNT + ":secret:" + r.logicalId();
        p.refs.put(r.logicalId(), arn);
        p.attributes.put(r.logicalId(), Map.of("Id", arn));
        p.secretArns.put(r.logicalId(), arn);
      }
    }
    return p;
  }

  private static final Set<String> TABLE_PROPERTIES = Set.of("TableName", "BillingMode", "AttributeDefinitions",
      "KeySchema", "GlobalSecondaryIndexes", "TimeToLiveSpecification", "PointInTimeRecoverySpecification",
      "SSESpecification", "DeletionProtectionEnabled", "Tags"); // protection, recovery and encryption: AWS only

  private void createTable(SamTemplate.Resource r, Intrinsics intrinsics, Provisioned p) {
    JsonNode props = Json.MAPPER.valueToTree(r.properties());
    for (var it = props.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!TABLE_PROPERTIES.contains(f)) {
        throw new IllegalStateException("template.yaml: " + r.logicalId() + "." + f + " is not supported locally");
      }
    }
    String name = r.properties().containsKey("TableName")
        ? intrinsics.resolve(r.properties().get("TableName"), r.logicalId() + ".TableName") : r.logicalId();
    CreateTableRequest.Builder b = CreateTableRequest.builder().tableName(name);
    List<AttributeDefinition> attrs = new ArrayList<>();
    props.path("AttributeDefinitions").forEach(a -> attrs.add(AttributeDefinition.builder()
        .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
    b.attributeDefinitions(attrs);
    b.keySchema(keys(props.path("KeySchema")));
    boolean onDemand = "PAY_PER_REQUEST".equals(props.path("BillingMode").asText());
    ProvisionedThroughput throughput = ProvisionedThroughput.builder().readCapacityUnits(100L).writeCapacityUnits(100L)
        .build();
    if (onDemand) {
      b.billingMode(BillingMode.PAY_PER_REQUEST);
    } else {
      b.provisionedThroughput(throughput);
    }
    List<GlobalSecondaryIndex> gsis = new ArrayList<>();
    props.path("GlobalSecondaryIndexes").forEach(g -> {
      GlobalSecondaryIndex.Builder gb = GlobalSecondaryIndex.builder().indexName(g.path("IndexName").asText())
          .keySchema(keys(g.path("KeySchema")))
          .projection(Projection.builder().projectionType(g.path("Projection").path("ProjectionType").asText("ALL"))
              .build());
      if (!onDemand) {
        gb.provisionedThroughput(throughput);
      }
      gsis.add(gb.build());
    });
    if (!gsis.isEmpty()) {
      b.globalSecondaryIndexes(gsis);
    }
    TableDescription t;
    try {
      t = dynamoDb.createTable(b.build()).tableDescription();
    } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException e) {
      // the SDK retried a create whose first answer came too late (a loaded machine): the table is ours
      t = dynamoDb.describeTable(d -> d.tableName(name)).table();
    }
    JsonNode ttl = props.path("TimeToLiveSpecification");
    if (ttl.path("Enabled").asBoolean(false)) {
      dynamoDb.updateTimeToLive(u -> u.tableName(name).timeToLiveSpecification(s -> s.enabled(true)
          .attributeName(ttl.path("AttributeName").asText())));
    }
    p.refs.put(r.logicalId(), name);
    p.attributes.put(r.logicalId(), Map.of("Arn", t.tableArn()));
    p.tables.put(r.logicalId(), r);
  }

  /** (Re)creates every table of the template: the fastest complete reset of DynamoDB state between tests. */
  public void recreateTables(Provisioned p) {
    for (var e : p.tables.entrySet()) {
      try {
        dynamoDb.deleteTable(d -> d.tableName(p.refs.get(e.getKey())));
      } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException gone) {
        // a retried delete whose first answer came too late: already gone
      }
      createTable(e.getValue(), new Intrinsics(p), p);
    }
  }

  private static List<KeySchemaElement> keys(JsonNode schema) {
    List<KeySchemaElement> keys = new ArrayList<>();
    schema.forEach(k -> keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
        .keyType(k.path("KeyType").asText()).build()));
    return keys;
  }

  private static final Map<String, QueueAttributeName> QUEUE_ATTRIBUTES = Map.of(
      "VisibilityTimeout", QueueAttributeName.VISIBILITY_TIMEOUT,
      "MessageRetentionPeriod", QueueAttributeName.MESSAGE_RETENTION_PERIOD,
      "DelaySeconds", QueueAttributeName.DELAY_SECONDS,
      "ReceiveMessageWaitTimeSeconds", QueueAttributeName.RECEIVE_MESSAGE_WAIT_TIME_SECONDS,
      "ContentBasedDeduplication", QueueAttributeName.CONTENT_BASED_DEDUPLICATION,
      "FifoQueue", QueueAttributeName.FIFO_QUEUE);

  private void createQueue(SamTemplate.Resource r, Intrinsics intrinsics, Provisioned p) {
    Map<QueueAttributeName, String> attributes = new LinkedHashMap<>();
    boolean fifo = false;
    String name = null;
    for (var e : r.properties().entrySet()) {
      String where = r.logicalId() + "." + e.getKey();
      switch (e.getKey()) {
        case "QueueName" -> name = intrinsics.resolve(e.getValue(), where);
        case "RedrivePolicy" -> {
          Map<String, Object> policy = SamTemplate.map(e.getValue(), where);
          var redrive = Json.object();
          redrive.put("deadLetterTargetArn", intrinsics.resolve(policy.get("deadLetterTargetArn"), where));
          redrive.put("maxReceiveCount", intrinsics.resolve(policy.get("maxReceiveCount"), where));
          attributes.put(QueueAttributeName.REDRIVE_POLICY, Json.write(redrive));
        }
        case "SqsManagedSseEnabled", "Tags" -> { } // no local effect
        default -> {
          QueueAttributeName attribute = QUEUE_ATTRIBUTES.get(e.getKey());
          if (attribute == null) {
            throw new IllegalStateException("template.yaml: " + where + " is not supported locally");
          }
          String value = intrinsics.resolve(e.getValue(), where);
          if (attribute == QueueAttributeName.FIFO_QUEUE) {
            fifo = Boolean.parseBoolean(value);
          }
          attributes.put(attribute, value);
        }
      }
    }
    if (name == null) {
      name = r.logicalId() + (fifo ? ".fifo" : "");
    }
    String queueName = name;
    String url = sqs.createQueue(c -> c.queueName(queueName).attributes(attributes)).queueUrl();
    String arn = sqs.getQueueAttributes(g -> g.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    p.refs.put(r.logicalId(), url);
    p.attributes.put(r.logicalId(), Map.of("Arn", arn, "QueueUrl", url, "QueueName", queueName));
    p.queueUrls.put(r.logicalId(), url);
    p.queueArns.put(r.logicalId(), arn);
  }
}
