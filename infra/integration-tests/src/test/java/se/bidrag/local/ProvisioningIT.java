package se.bidrag.local;

import se.bidrag.testkit.LocalStackExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The real template.yaml, provisioned into the emulators: what it declares is what exists locally. */
@ExtendWith(LocalStackExtension.class)
class ProvisioningIT {

  @Test
  void everyTableOfTheTemplateExistsWithItsKeysIndexesAndTtl(LocalRuntime runtime) {
    SamTemplate template = SamTemplate.load(ProjectPaths.template());
    var db = runtime.platform().dynamoDb();
    for (SamTemplate.Resource r : template.resources().values()) {
      if (!r.type().equals("AWS::DynamoDB::Table")) {
        continue;
      }
      TableDescription t = db.describeTable(d -> d.tableName(runtime.table(r.logicalId()))).table();
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> keys = (List<Map<String, Object>>) r.properties().get("KeySchema");
      assertEquals(keys.stream().map(k -> k.get("AttributeName") + ":" + k.get("KeyType")).toList(),
          t.keySchema().stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> gsis = (List<Map<String, Object>>) r.properties().getOrDefault("GlobalSecondaryIndexes", List.of());
      assertEquals(gsis.stream().map(g -> g.get("IndexName")).sorted().toList(),
          t.globalSecondaryIndexes().stream().map(g -> g.indexName()).sorted().toList());
      if (r.properties().containsKey("TimeToLiveSpecification")) {
        var ttl = db.describeTimeToLive(d -> d.tableName(t.tableName())).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
      }
    }
    TableDescription main = db.describeTable(d -> d.tableName(runtime.table("BidragTable"))).table();
    assertEquals(List.of("PK", "SK"), main.keySchema().stream().map(KeySchemaElement::attributeName).toList());
    assertEquals("GSI1", main.globalSecondaryIndexes().get(0).indexName());
  }

  @Test
  void everyQueueOfTheTemplateExistsWithItsRedrivePolicy(LocalRuntime runtime) {
    SamTemplate template = SamTemplate.load(ProjectPaths.template());
    var sqs = runtime.platform().sqs();
    for (SamTemplate.Resource r : template.resources().values()) {
      if (r.type().equals("AWS::SQS::Queue")) {
        var attributes = sqs.getQueueAttributes(g -> g.queueUrl(runtime.queueUrl(r.logicalId()))
            .attributeNamesWithStrings("All")).attributesAsStrings();
        if (r.properties().containsKey("RedrivePolicy")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> policy = (Map<String, Object>) r.properties().get("RedrivePolicy");
          assertTrue(attributes.get("RedrivePolicy").contains("\"maxReceiveCount\":" + policy.get("maxReceiveCount"))
              || attributes.get("RedrivePolicy").contains("\"maxReceiveCount\":\"" + policy.get("maxReceiveCount") + "\""),
              r.logicalId() + ": " + attributes.get("RedrivePolicy"));
        }
        if (Boolean.TRUE.equals(r.properties().get("FifoQueue"))) {
          assertEquals("true", attributes.get("FifoQueue"), r.logicalId());
        }
      }
    }
  }

  @Test
  void functionsGetTheirTemplateEnvironmentWithReferencesResolved(LocalRuntime runtime) {
    for (LocalFunction f : runtime.functions().values()) {
      assertEquals(runtime.table("BidragTable"), f.environment().get("TABLE_NAME"), f.name());
      assertTrue(f.environment().get("AWS_ENDPOINT_URL_DYNAMODB").startsWith("http://127.0.0.1:"), f.name());
    }
  }

  @Test
  void aResourceTypeTheLocalStackCannotCreateIsAnErrorNotASkip(LocalRuntime runtime, @TempDir Path dir)
      throws IOException {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, "Resources:\n  Files:\n    Type: AWS::Kinesis::Stream\n");
    Provisioner p = new Provisioner(SamTemplate.load(t), runtime.platform().dynamoDb(), runtime.platform().sqs(), Map.of(), "eu-north-1");
    IllegalStateException e = assertThrows(IllegalStateException.class, p::provision);
    assertTrue(e.getMessage().contains("AWS::Kinesis::Stream (Files)"), e.getMessage());
  }

  @Test
  void anUnsupportedQueuePropertyIsAnError(LocalRuntime runtime, @TempDir Path dir) throws IOException {
    Path t = dir.resolve("template.yaml");
    Files.writeString(t, "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: alias/x\n");
    Provisioner p = new Provisioner(SamTemplate.load(t), runtime.platform().dynamoDb(), runtime.platform().sqs(), Map.of(), "eu-north-1");
    IllegalStateException e = assertThrows(IllegalStateException.class, p::provision);
    assertTrue(e.getMessage().contains("Q.KmsMasterKeyId is not supported locally"), e.getMessage());
  }
}
