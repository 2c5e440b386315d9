package se.bidrag.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import se.bidrag.json.Json;

/**
 * Real HTTP to the local API, as the e-service would call it (tests, the demo, the benchmarks). An
 * {@linkplain #observe observer} sees every exchange: the test kit checks each against the API's contract.
 */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * One request as it was sent (its path with the query, its headers: Content-Type and Authorization
   * included) and the answer it got.
   */
  public record Exchange(String method, String path, Map<String, String> headers, String body, Response response) {}

  private static final Map<URI, Consumer<Exchange>> OBSERVERS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Every exchange with the API at {@code api} (by any instance) goes to {@code o} after it completes; it may
   * throw to fail the caller. Other APIs (a test's own template) are not observed.
   */
  public static void observe(URI api, Consumer<Exchange> o) {
    OBSERVERS.put(api, o);
  }

  private final URI base;
  private final boolean compressed;

  public Http(URI base) {
    this(base, false);
  }

  /**
   * {@code compressed}: asks for gzip on every request and decodes a gzipped answer, as browsers and
   * {@code curl --compressed} do (the answer's bytes are then the decoded ones, without Content-Encoding).
   */
  public Http(URI base, boolean compressed) {
    this.base = base;
    this.compressed = compressed;
  }

  /** A response with its body as bytes, as text and, when it is JSON, parsed. */
  public record Response(int status, Map<String, java.util.List<String>> headers, byte[] bytes) {
    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      try {
        return Json.parse(body());
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + body(), e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0))
          .findFirst().orElse(null);
    }
  }

  public Response send(String method, String path, String token, String body, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    Map<String, String> sent = new LinkedHashMap<>();
    if (token != null) {
      sent.put("Authorization", "Bearer " + token);
    }
    if (body != null && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      sent.put("Content-Type", "application/json");
    }
    if (compressed && headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Accept-Encoding"))) {
      sent.put("Accept-Encoding", "gzip");
    }
    sent.putAll(headers);
    sent.forEach(b::header);
    Response response;
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      response = new Response(r.statusCode(), r.headers().map(), r.body());
      if (compressed && "gzip".equalsIgnoreCase(response.header("Content-Encoding"))) {
        Map<String, java.util.List<String>> decoded = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        decoded.putAll(r.headers().map());
        decoded.remove("Content-Encoding");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(r.body()))) {
          response = new Response(r.statusCode(), decoded, in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Consumer<Exchange> o = OBSERVERS.get(base);
    if (o != null) {
      o.accept(new Exchange(method, path, sent, body, response));
    }
    return response;
  }

  public Response get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Response post(String path, String token, String body) {
    return send("POST", path, token, body, Map.of());
  }
}
