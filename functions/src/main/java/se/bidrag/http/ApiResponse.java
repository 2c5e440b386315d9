package se.bidrag.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.json.Json;

/** Responses in payload format 2.0. */
public final class ApiResponse {
  private ApiResponse() {}

  public static APIGatewayV2HTTPResponse json(int status, JsonNode body) {
    return json(status, body, Map.of());
  }

  public static APIGatewayV2HTTPResponse json(int status, JsonNode body, Map<String, String> headers) {
    return text(status, "application/json", Json.write(body), headers);
  }

  /** A JSON body that is already serialised (e.g. stored as written). */
  public static APIGatewayV2HTTPResponse rawJson(int status, String body, Map<String, String> headers) {
    return text(status, "application/json", body, headers);
  }

  public static APIGatewayV2HTTPResponse problem(Problem p, String instance) {
    Map<String, String> headers = new LinkedHashMap<>(p.headers());
    return text(p.status(), "application/problem+json", Json.write(p.toJson(instance)), headers);
  }

  public static APIGatewayV2HTTPResponse text(int status, String contentType, String body, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType.startsWith("application/json") || contentType.startsWith("application/problem")
        || contentType.startsWith("text/") ? contentType + (contentType.contains("charset") ? "" : "; charset=utf-8")
        : contentType);
    h.put("Cache-Control", "no-store");
    h.putAll(headers);
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(h).withBody(body)
        .withIsBase64Encoded(false).build();
  }

  public static APIGatewayV2HTTPResponse binary(int status, String contentType, byte[] body, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType);
    h.put("Cache-Control", "no-store");
    h.putAll(headers);
    return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(h)
        .withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true).build();
  }

  public static APIGatewayV2HTTPResponse noContent() {
    return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(Map.of("Cache-Control", "no-store"))
        .withIsBase64Encoded(false).build();
  }

}
