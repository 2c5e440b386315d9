package se.bidrag.apidoc;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.platform.Platform;

/**
 * {@code GET /openapi.yaml}: the API's OpenAPI document, as kept in the repository (read once per
 * container). Public: it describes the routes, it holds no data; the function has no AWS permissions.
 */
public final class ApiDocumentApiHandler extends ApiHandler {
  /** Where the build puts the repository's openapi.yaml in the jar. */
  public static final String RESOURCE = "/se/bidrag/apidoc/openapi.yaml";

  private final String document;

  public ApiDocumentApiHandler() {
    this(null);
    // no Platform is built here, so nothing armed the route priming: register it (SnapStart, before the snapshot)
    se.bidrag.platform.Priming.register("HTTP routes", this::primeRoutes);
  }

  /** The local stack's constructor; the document needs nothing of the platform. */
  public ApiDocumentApiHandler(Platform platform) {
    this.document = document();
    route("GET /openapi.yaml", this::get);
  }

  /** The document's text. */
  public static String document() {
    try (InputStream in = ApiDocumentApiHandler.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not in the jar (functions/pom.xml copies openapi.yaml)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private APIGatewayV2HTTPResponse get(ApiRequest request) {
    return ApiResponse.text(200, "application/yaml", document, Map.of("Cache-Control", "public, max-age=300"));
  }
}
