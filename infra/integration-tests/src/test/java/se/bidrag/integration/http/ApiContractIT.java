package se.bidrag.integration.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;
import se.bidrag.testkit.ApiContract;
import se.bidrag.testkit.LocalStackExtension;

/**
 * The contract, openapi.yaml: it names exactly the routes of template.yaml (each missing or extra route
 * named), the API serves it as kept, and the check every other test runs through (ApiContract) does
 * catch what it is there to catch.
 */
@ExtendWith(LocalStackExtension.class)
class ApiContractIT {

  static Set<String> templateRoutes() {
    Set<String> routes = new TreeSet<>();
    for (SamTemplate.Function f : SamTemplate.load(ProjectPaths.root().resolve("template.yaml")).functions()) {
      for (SamTemplate.Event e : f.events()) {
        if (e.type().equals("HttpApi")) {
          routes.add(String.valueOf(e.properties().get("Method")).toUpperCase(Locale.ROOT) + " " + e.properties().get("Path"));
        }
      }
    }
    return routes;
  }

  @Test
  void theDocumentNamesExactlyTheTemplatesRoutes() {
    Set<String> template = templateRoutes();
    Set<String> documented = ApiContract.shared().routes();
    Set<String> missing = new TreeSet<>(template);
    missing.removeAll(documented);
    Set<String> extra = new TreeSet<>(documented);
    extra.removeAll(template);
    assertEquals(Set.of(), missing, "routes of template.yaml that openapi.yaml lacks (add each under paths: with its "
        + "parameters, body and every status it answers)");
    assertEquals(Set.of(), extra, "routes openapi.yaml names that template.yaml lacks (remove them, or add the route)");
    assertTrue(template.size() >= 49, "the template's routes: " + template);
  }

  @Test
  void theApiServesTheDocumentAsKeptWithoutAToken(LocalRuntime runtime) throws IOException {
    Http.Response r = new Http(runtime.api().uri()).get("/openapi.yaml", null);
    assertEquals(200, r.status(), r.body());
    assertEquals("application/yaml", r.header("Content-Type"));
    assertArrayEquals(Files.readAllBytes(ProjectPaths.root().resolve("openapi.yaml")), r.bytes());
  }

  private static Http.Response answer(int status, String contentType, String body) {
    return new Http.Response(status, contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)),
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static Http.Exchange exchange(String method, String path, String body, Http.Response response) {
    return new Http.Exchange(method, path, body == null ? Map.of() : Map.of("Content-Type", "application/json"), body,
        response);
  }

  @Test
  void theCheckCatchesWhatTheContractForbids() {
    ApiContract c = ApiContract.shared();
    String grant = "/grants/god-och-nara-vard-2025";
    // a body of the wrong shape, an undocumented status, an undocumented media type
    assertTrue(c.check(exchange("GET", grant, null, answer(200, "application/json", "{\"id\": 5}"))).toString()
        .contains("response"), "a grant without its fields");
    assertTrue(c.check(exchange("GET", grant, null, answer(418, "application/json", "{}"))).toString()
        .contains("status 418 is not documented"));
    assertTrue(c.check(exchange("GET", grant, null, answer(200, "text/html", "<p>"))).toString()
        .contains("Content-Type text/html"));
    // a problem without its type, where problem+json is documented
    assertTrue(!c.check(exchange("GET", grant, null, answer(404, "application/problem+json",
        "{\"title\": \"x\", \"status\": 404, \"detail\": \"x\"}"))).isEmpty(), "a problem without a type");
    // a request the API should not have accepted: an unknown field, a decimal amount
    String form = "{\"amount\": 10.5, \"implementers\": [\"A\"], \"areas\": [1], \"wantsRemainingFunds\": true, "
        + "\"contact\": {\"name\": \"A\", \"email\": \"a@example.se\"}, \"registryEmail\": \"r@example.se\", "
        + "\"signedBy\": \"A\", \"extra\": 1}";
    List<String> accepted = c.check(exchange("PUT", grant + "/requisitions/kommun-0114", form,
        answer(201, "application/json", "{}")));
    assertTrue(accepted.toString().contains("accepted a request the contract does not allow"), accepted.toString());
    // the same request refused: only the answer is checked (a 422 problem naming the field is as documented)
    assertEquals(List.of(), c.check(exchange("PUT", grant + "/requisitions/kommun-0114", form,
        answer(422, "application/problem+json", "{\"type\": \"urn:bidrag:problem:validation-failed\", \"title\": \"t\", "
            + "\"status\": 422, \"detail\": \"d\", \"errors\": [{\"field\": \"amount\", \"pointer\": \"/amount\", "
            + "\"detail\": \"d\"}]}"))));
    // a route the document lacks that answers anything but API Gateway's 404
    assertTrue(c.check(exchange("GET", "/grants/x/secret", null, answer(200, "application/json", "{}"))).toString()
        .contains("no documented route"));
    assertEquals(List.of(), c.check(exchange("PATCH", grant, null, answer(404, "application/json",
        "{\"message\":\"Not Found\"}"))));
  }
}
