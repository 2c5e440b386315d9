package se.bidrag.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.bidrag.json.Json;

/** An HTTP API (payload format 2.0) request, read the way every handler needs it. */
public final class ApiRequest {
  private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
  private static final java.util.regex.Pattern VERSION_TAG = java.util.regex.Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");

  /** The largest body any route accepts. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final APIGatewayV2HTTPEvent event;

  public ApiRequest(APIGatewayV2HTTPEvent event) {
    this.event = event;
  }

  public APIGatewayV2HTTPEvent event() {
    return event;
  }

  public String routeKey() {
    return event.getRouteKey();
  }

  public String path() {
    return event.getRawPath();
  }

  /** Longer than any identifier the API hands out, far below DynamoDB's key size limit (2048 bytes). */
  static final int MAX_PATH_PARAMETER = 200;

  public String pathParameter(String name) {
    Map<String, String> p = event.getPathParameters();
    String v = p == null ? null : p.get(name);
    if (v == null || v.isEmpty()) {
      throw Problem.badRequest(name, "path parameter is missing");
    }
    if (v.length() > MAX_PATH_PARAMETER || v.chars().anyMatch(Character::isISOControl)) {
      throw Problem.badRequest(name, "path parameter is not an identifier (at most " + MAX_PATH_PARAMETER
          + " characters, no control characters)");
    }
    return v;
  }

  public Optional<String> query(String name) {
    Map<String, String> q = event.getQueryStringParameters();
    return Optional.ofNullable(q == null ? null : q.get(name));
  }

  /** A header, case-insensitively (HTTP API lower-cases them; the local API may not). */
  public Optional<String> header(String name) {
    Map<String, String> h = event.getHeaders();
    if (h == null) {
      return Optional.empty();
    }
    String direct = h.get(name.toLowerCase(Locale.ROOT));
    if (direct != null) {
      return Optional.of(direct);
    }
    return h.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
  }

  /** The raw body bytes (base64 decoded when API Gateway encoded it), at most {@link #MAX_BODY_BYTES}. */
  public byte[] bodyBytes() {
    String body = event.getBody();
    if (body == null) {
      return new byte[0];
    }
    byte[] bytes;
    if (event.getIsBase64Encoded()) {
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("body", "is not valid base64");
      }
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw Problem.tooLarge("body", "is " + bytes.length + " bytes; at most " + MAX_BODY_BYTES + " are accepted");
    }
    return bytes;
  }

  /** The body as a JSON object; 400 naming {@code body} when it is missing, malformed or not an object. */
  public JsonNode jsonBody() {
    byte[] bytes = bodyBytes();
    if (bytes.length == 0) {
      throw Problem.badRequest("body", "a JSON object is required");
    }
    header("content-type").ifPresent(ct -> {
      String base = ct.split(";")[0].trim().toLowerCase(Locale.ROOT);
      if (!base.equals("application/json") && !base.endsWith("+json")) {
        throw new Problem(415, "unsupported-media-type", "Unsupported media type",
            "Content-Type must be application/json, not " + ct, java.util.List.of(new Problem.FieldError("Content-Type",
                "must be application/json")));
      }
    });
    JsonNode node;
    try {
      node = Json.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      // limit violations (nesting, number length) carry no location
      var at = e.getLocation();
      throw Problem.badRequest("body", "is not valid JSON: " + e.getOriginalMessage()
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (node == null || !node.isObject()) {
      throw Problem.badRequest("body", "must be a JSON object");
    }
    return node;
  }

  /** The claims of the token the JWT authorizer verified; empty when there are none. */
  public Map<String, String> jwtClaims() {
    var ctx = event.getRequestContext();
    if (ctx == null || ctx.getAuthorizer() == null || ctx.getAuthorizer().getJwt() == null) {
      return Map.of();
    }
    Map<String, String> claims = ctx.getAuthorizer().getJwt().getClaims();
    return claims == null ? Map.of() : claims;
  }

  /** The Idempotency-Key header (1–128 letters, digits and . _ : -), or null when absent; 400 when malformed. */
  public String idempotencyKey() {
    return header("Idempotency-Key").map(k -> {
      if (!IDEMPOTENCY_KEY.matcher(k).matches()) {
        throw Problem.badRequest("Idempotency-Key", "must be 1–128 characters of letters, digits and . _ : -");
      }
      return k;
    }).orElse(null);
  }

  /** The version in If-Match ({@code "3"}, {@code W/"3"} or {@code 3}), or null when absent; 400 naming it when malformed. */
  public Long ifMatchVersion() {
    return header("If-Match").map(v -> {
      java.util.regex.Matcher m = VERSION_TAG.matcher(v.strip());
      if (!m.matches()) {
        throw Problem.badRequest("If-Match", "must be the version as an entity tag, e.g. \"3\", not " + v);
      }
      return Long.parseLong(m.group(1));
    }).orElse(null);
  }

  /** The Idempotency-Key header, which this route requires (400 naming it when absent). */
  public String requiredIdempotencyKey() {
    String key = idempotencyKey();
    if (key == null) {
      throw Problem.badRequest("Idempotency-Key", "is required: a unique key per decision, so that a retry "
          + "cannot issue it twice");
    }
    return key;
  }

  /** SHA-256 of the method, the path and the body: what an Idempotency-Key was first used for. */
  public String requestHash(byte[] body) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update((event.getRequestContext().getHttp().getMethod() + " " + path() + "\n").getBytes(StandardCharsets.UTF_8));
      d.update(body);
      return java.util.HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
