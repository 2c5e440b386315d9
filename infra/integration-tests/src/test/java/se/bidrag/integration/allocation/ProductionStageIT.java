package se.bidrag.integration.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The deployed configuration: template.yaml with Stage = production (its default), through the template's
 * environment, the function's configuration and the HTTP API. Publishing the illustrative inputs is refused with
 * 409 naming them, and nothing is written.
 */
class ProductionStageIT {

  @Test
  void theTemplateDeploysAsProductionUnlessToldOtherwise() {
    Map<?, ?> stage = (Map<?, ?>) SamTemplate.load(ProjectPaths.template()).parameters().get("Stage");
    assertEquals("production", stage.get("Default"));
    assertEquals(List.of("production", "test"), stage.get("AllowedValues"));
  }

  @Test
  void aProductionStageRefusesToPublishIllustrativeInputs() {
    try (LocalRuntime runtime = LocalStackExtension.options().parameter("Stage", "production").start()) {
      assertEquals("production", runtime.functions().get("AllocationFunction").environment().get("BIDRAG_STAGE"));
      Http http = new Http(runtime.api().uri());
      String admin = runtime.jwt().mintAgency("handlaggare-1", "2021000555", java.util.List.of("handlaggare", "attestant"),
          "Handläggare", Duration.ofMinutes(10));
      Http.Response refused = http.post(AllocationApiIT.GRANT + "/allocations:publish", admin, null);
      assertEquals(409, refused.status(), refused.body());
      assertEquals("application/problem+json; charset=utf-8", refused.header("Content-Type"));
      JsonNode problem = refused.json();
      assertEquals("urn:bidrag:problem:illustrative-inputs", problem.path("type").asText());
      assertTrue(problem.path("detail").asText().contains("care-recipients (kommunal_hsv_individer_illustrative.csv)"),
          problem.toString());
      assertTrue(problem.path("detail").asText().contains("rural-class (landsbygdstyper_illustrative.csv)"));
      assertEquals(List.of("care-recipients", "rural-class"), datasets(problem.path("illustrativeInputs")));
      List<Map<String, AttributeValue>> items = runtime.platform().dynamoDb()
          .scan(b -> b.tableName(runtime.table("BidragTable"))).items();
      assertEquals(List.of(), items, "nothing written");
      assertEquals(404, http.get(AllocationApiIT.GRANT + "/allocations", admin).status());
      JsonNode diff = http.get(AllocationApiIT.GRANT + "/allocations:diff?against=bundled", admin).json();
      assertEquals("production", diff.path("publishing").path("stage").asText());
      assertEquals(false, diff.path("publishing").path("allowed").asBoolean());
    }
  }

  private static List<String> datasets(JsonNode inputs) {
    List<String> out = new java.util.ArrayList<>();
    inputs.forEach(i -> out.add(i.path("dataset").asText()));
    return out;
  }
}
