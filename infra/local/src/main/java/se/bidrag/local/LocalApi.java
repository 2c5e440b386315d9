package se.bidrag.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import se.bidrag.platform.Log;

/**
 * The HTTP API of template.yaml on localhost: every HttpApi route, with the JWT authorizer, turned
 * into payload-2.0 {@link APIGatewayV2HTTPEvent}s for the same handler classes Lambda calls. Local
 * tooling routes live under {@code /_local/}.
 */
public final class LocalApi implements AutoCloseable {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final int MAX_BODY = 10 * 1024 * 1024; // API Gateway's payload limit
  /** Lambda's limit on a synchronous invocation's response (the serialized APIGatewayV2HTTPResponse). */
  public static final int MAX_RESPONSE = 6 * 1024 * 1024;

  static {
    // The JDK server leaves Nagle's algorithm on; with the client's delayed ACK every response then
    // stalls ~40 ms. Read once, when the server classes load: set it before the first server is created.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /**
   * One route: "METHOD /path/{param}", the function behind it, whether it needs a token, the scopes it
   * requires (the token must carry one of them, as API Gateway's JWT authorizer checks) and its throttle
   * (the event's RouteSettings; null: none).
   */
  record Route(String method, String path, List<String> segments, LocalFunction function, boolean authorized,
      List<String> scopes, Throttle throttle) {
    String routeKey() {
      return method + " " + path;
    }

    /** Path parameters if the request path matches, else null. */
    Map<String, String> match(String requestMethod, List<String> requestSegments) {
      if (!method.equals(requestMethod) && !method.equals("ANY")) {
        return null;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < segments.size(); i++) {
        String s = segments.get(i);
        if (s.startsWith("{") && s.endsWith("+}")) {
          params.put(s.substring(1, s.length() - 2), String.join("/", requestSegments.subList(i, requestSegments.size())));
          return params;
        }
        if (i >= requestSegments.size()) {
          return null;
        }
        if (s.startsWith("{") && s.endsWith("}")) {
          params.put(s.substring(1, s.length() - 1), requestSegments.get(i));
        } else if (!s.equals(requestSegments.get(i))) {
          return null;
        }
      }
      return segments.size() == requestSegments.size() ? params : null;
    }

    /** More literal segments, earlier, is more specific (as API Gateway prefers). */
    int specificity() {
      int score = 0;
      for (int i = 0; i < segments.size(); i++) {
        if (!segments.get(i).startsWith("{")) {
          score += 1 << (20 - Math.min(i, 20));
        }
      }
      return score;
    }
  }

  /**
   * API Gateway's per-route throttling: a token bucket of {@code burst} requests refilled at
   * {@code rate} per second; a request that finds it empty is 429 and never reaches the function.
   */
  static final class Throttle {
    private final double rate;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    Throttle(double rate, int burst) {
      this.rate = rate;
      this.burst = burst;
      this.tokens = burst;
    }

    synchronized boolean tryAcquire() {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }
  }

  /** The HTTP API's CorsConfiguration, resolved: exactly these origins, methods and headers. */
  record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, List<String> exposeHeaders,
      int maxAge) {
    boolean allows(String origin) {
      return origin != null && allowOrigins.contains(origin);
    }
  }

  private volatile Cors cors;

  /** Answers CORS as API Gateway does for this configuration (null: no CORS headers at all). */
  void cors(Cors cors) {
    this.cors = cors;
  }

  /** A local tooling route's answer. */
  public record LocalResponse(int status, String contentType, String body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes;
  private final LocalJwt jwt;
  private final Map<String, Function<LocalRequest, LocalResponse>> localRoutes = new LinkedHashMap<>();
  private final Map<String, Long> largestResponses = new java.util.concurrent.ConcurrentHashMap<>();

  /** A request to a /_local route. */
  public record LocalRequest(String method, String path, Map<String, String> claims, String body) {}

  LocalApi(int port, List<Route> routes, LocalJwt jwt) {
    this.routes = routes.stream().sorted((a, b) -> Integer.compare(b.specificity(), a.specificity())).toList();
    this.jwt = jwt;
    try {
      this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    this.executor = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "local-api");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Adds a local tooling route, e.g. "POST /_local/clock"; {@code claims} is null when no valid token came. */
  void local(String methodAndPath, Function<LocalRequest, LocalResponse> handler) {
    localRoutes.put(methodAndPath, handler);
  }

  /** Serves everything below {@code prefix} with {@code handler} (e.g. the local OpenID provider). */
  void mount(String prefix, com.sun.net.httpserver.HttpHandler handler) {
    server.createContext(prefix, handler);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Route> routes() {
    return routes;
  }

  /** Per route ("GET /grants/{grantId}"), the largest response its function returned, serialized as Lambda does. */
  public Map<String, Long> largestResponses() {
    return new java.util.TreeMap<>(largestResponses);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      URI uri = exchange.getRequestURI();
      String rawPath = uri.getRawPath();
      byte[] body = readBody(exchange.getRequestBody());
      if (body == null) {
        send(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}", Map.of());
        return;
      }
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      Cors c = cors;
      if (c != null && c.allows(origin)) {
        // API Gateway adds these to every answer to an allowed origin, errors included
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        if (!c.exposeHeaders().isEmpty()) {
          exchange.getResponseHeaders().set("Access-Control-Expose-Headers", String.join(",", c.exposeHeaders()));
        }
        exchange.getResponseHeaders().set("Vary", "Origin");
      }
      if (c != null && method.equals("OPTIONS") && exchange.getRequestHeaders().getFirst("Access-Control-Request-Method") != null) {
        preflight(exchange, c, origin);
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      Function<LocalRequest, LocalResponse> local = localRoutes.get(method + " " + rawPath);
      if (local != null) {
        Map<String, String> claims = null;
        try {
          claims = jwt.verify(authorization);
        } catch (LocalJwt.Unauthorized ignored) {
          // the route decides whether it needs a token
        }
        LocalResponse r = local.apply(new LocalRequest(method, rawPath, claims, new String(body, StandardCharsets.UTF_8)));
        send(exchange, r.status(), r.contentType(), r.body(), Map.of());
        return;
      }
      List<String> segments = segments(rawPath);
      for (Route route : routes) {
        Map<String, String> params = route.match(method, segments);
        if (params == null) {
          continue;
        }
        if (route.throttle() != null && !route.throttle().tryAcquire()) {
          send(exchange, 429, "application/json", "{\"message\":\"Too Many Requests\"}", Map.of());
          return;
        }
        Map<String, String> claims = null;
        if (route.authorized()) {
          try {
            claims = jwt.verify(authorization);
          } catch (LocalJwt.Unauthorized e) {
            send(exchange, 401, "application/json", "{\"message\":\"Unauthorized\"}",
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return;
          }
          if (!route.scopes().isEmpty() && LocalJwt.scopes(claims).stream().noneMatch(route.scopes()::contains)) {
            send(exchange, 403, "application/json", "{\"message\":\"Forbidden\"}", Map.of());
            return;
          }
        }
        APIGatewayV2HTTPEvent event = event(exchange, route, params, claims, body);
        APIGatewayV2HTTPResponse response;
        try {
          response = (APIGatewayV2HTTPResponse) route.function().invoke(event, route.method() + " " + route.path());
        } catch (RuntimeException e) {
          Log.error("local function failed", e, "function", route.function().name());
          send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}", Map.of());
          return;
        }
        long size = se.bidrag.json.Json.MAPPER.writeValueAsBytes(response).length;
        largestResponses.merge(route.method() + " " + route.path(), size, Math::max);
        if (size > MAX_RESPONSE) { // Lambda fails the invocation; API Gateway answers 500
          Log.error("local function failed", new IllegalStateException("Response payload size (" + size
              + " bytes) exceeded maximum allowed payload size (" + MAX_RESPONSE + " bytes)."), "function",
              route.function().name());
          send(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}", Map.of());
          return;
        }
        write(exchange, response);
        return;
      }
      send(exchange, 404, "application/json", "{\"message\":\"Not Found\"}", Map.of());
    }
  }

  /** A CORS preflight: allowed only for a configured origin, method and headers (else no CORS headers). */
  private static void preflight(HttpExchange exchange, Cors c, String origin) throws IOException {
    String method = exchange.getRequestHeaders().getFirst("Access-Control-Request-Method").toUpperCase(Locale.ROOT);
    String asked = String.valueOf(exchange.getRequestHeaders().getFirst("Access-Control-Request-Headers"));
    boolean headersOk = true;
    for (String h : asked.equals("null") ? new String[0] : asked.split(",")) {
      String name = h.strip();
      if (!name.isEmpty() && c.allowHeaders().stream().noneMatch(a -> a.equalsIgnoreCase(name))) {
        headersOk = false;
      }
    }
    if (c.allows(origin) && c.allowMethods().contains(method) && headersOk) {
      exchange.getResponseHeaders().set("Access-Control-Allow-Methods", String.join(",", c.allowMethods()));
      exchange.getResponseHeaders().set("Access-Control-Allow-Headers", String.join(",", c.allowHeaders()).toLowerCase(Locale.ROOT));
      exchange.getResponseHeaders().set("Access-Control-Max-Age", Integer.toString(c.maxAge()));
    } else {
      exchange.getResponseHeaders().remove("Access-Control-Allow-Origin");
      exchange.getResponseHeaders().remove("Access-Control-Expose-Headers");
    }
    exchange.sendResponseHeaders(204, -1);
  }

  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    return bytes.length > MAX_BODY ? null : bytes;
  }

  private APIGatewayV2HTTPEvent event(HttpExchange exchange, Route route, Map<String, String> params,
      Map<String, String> claims, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        query.merge(k, v, (a, b) -> a + "," + b);
      }
    }
    String contentType = headers.getOrDefault("content-type", "");
    boolean text = body.length == 0 || contentType.isEmpty() || contentType.startsWith("text/")
        || contentType.contains("json") || contentType.contains("xml") || contentType.contains("x-www-form-urlencoded");
    Instant now = Instant.now();
    var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(route.method())
        .withPath(exchange.getRequestURI().getRawPath()).withProtocol(exchange.getProtocol())
        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
        .withUserAgent(headers.getOrDefault("user-agent", "")).build();
    var context = APIGatewayV2HTTPEvent.RequestContext.builder().withAccountId(ElasticMq.ACCOUNT)
        .withApiId("local").withDomainName(headers.getOrDefault("host", "127.0.0.1")).withDomainPrefix("local")
        .withHttp(http).withRequestId(UUID.randomUUID().toString()).withRouteKey(route.routeKey()).withStage("$default")
        .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli());
    if (claims != null) {
      context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
          .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims)
              .withScopes(LocalJwt.scopes(claims)).build()).build());
    }
    return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route.routeKey())
        .withRawPath(exchange.getRequestURI().getRawPath()).withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
        .withPathParameters(params.isEmpty() ? null : params).withRequestContext(context.build())
        .withBody(body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
            : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0 && !text).build();
  }

  private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
    if (response.getHeaders() != null) {
      response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    }
    if (response.getMultiValueHeaders() != null) {
      response.getMultiValueHeaders().forEach((k, v) -> exchange.getResponseHeaders().put(k, new ArrayList<>(v)));
    }
    byte[] bytes = response.getBody() == null ? new byte[0]
        : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
        : response.getBody().getBytes(StandardCharsets.UTF_8);
    int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
    exchange.sendResponseHeaders(status, status == 204 || bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0 && status != 204) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body,
      Map<String, String> headers) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
