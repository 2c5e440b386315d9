package se.bidrag.testkit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Response;
import io.vertx.openapi.mediatype.ContentAnalyser;
import io.vertx.openapi.mediatype.ContentAnalyserFactory;
import io.vertx.openapi.mediatype.MediaTypeInfo;
import io.vertx.openapi.mediatype.MediaTypePredicate;
import io.vertx.openapi.mediatype.MediaTypeRegistration;
import io.vertx.openapi.mediatype.MediaTypeRegistry;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseParameter;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;
import io.vertx.openapi.validation.impl.ValidatableResponseImpl;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import se.bidrag.local.Http;
import se.bidrag.local.ProjectPaths;

/**
 * The API's contract, openapi.yaml, as the integration tests hold the local API to it: every exchange of
 * {@link Http} is checked by Eclipse Vert.x's OpenAPI 3.1 validator (JSON Schema 2020-12).
 *
 * <ul>
 *   <li>Every response: its status must be documented for the operation, its Content-Type among that
 *       status's media types, its body valid against the schema, its documented headers valid.
 *   <li>A request is checked when the API accepted it (a status below 400): what the API takes must be what
 *       the contract allows (else the document is too strict or the handler too lenient). A refused request
 *       may be deliberately bad (the fuzz, the bad-input tests), so only its answer is checked.
 *   <li>A request that matches no documented route must get API Gateway's 404 (or 413: too large to route);
 *       the local stack's own {@code /_local/} routes and CORS preflights are not the API's.
 * </ul>
 * A mismatch throws an {@link AssertionError} naming the method, the path, the status and the validator's
 * message, so the test that sent the request fails there.
 */
public final class ApiContract implements Consumer<Http.Exchange> {
  private static ApiContract shared;

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final RequestValidator requests;
  private final ResponseValidator responses;
  private final AtomicLong responsesChecked = new AtomicLong();
  private final AtomicLong requestsChecked = new AtomicLong();

  private ApiContract(Vertx vertx, OpenAPIContract contract) {
    this.vertx = vertx;
    this.contract = contract;
    this.requests = RequestValidator.create(vertx, contract);
    this.responses = ResponseValidator.create(vertx, contract);
  }

  /** The repository's openapi.yaml, loaded once per test JVM (it is validated against the OpenAPI 3.1 schema on load). */
  public static synchronized ApiContract shared() {
    if (shared == null) {
      shared = load(ProjectPaths.root().resolve("openapi.yaml"));
      ApiContract c = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        System.out.println("openapi.yaml: " + c.responsesChecked.get() + " responses and " + c.requestsChecked.get()
            + " accepted requests checked");
        c.vertx.close();
      }, "bidrag-api-contract-stop"));
    }
    return shared;
  }

  public static ApiContract load(Path document) {
    // loading resolves and checks the document on an event loop for a few seconds: no blocked-thread warnings
    Vertx vertx = Vertx.vertx(new io.vertx.core.VertxOptions().setMaxEventLoopExecuteTime(2)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MINUTES));
    MediaTypeRegistry media = MediaTypeRegistry.createDefault()
        .register(type(ContentAnalyserFactory.json(), "application/problem+json"))
        .register(type(ContentAnalyserFactory.noop(), "text/csv", "application/xml", "application/pdf", "application/yaml"));
    try {
      return new ApiContract(vertx, await(OpenAPIContract.builder(vertx).setContractPath(document.toString())
          .mediaTypeRegistry(media).build()));
    } catch (RuntimeException e) {
      vertx.close();
      throw new IllegalStateException(document + " is not a valid OpenAPI 3.1 document: " + e.getMessage(), e);
    }
  }

  private static MediaTypeRegistration type(ContentAnalyserFactory analyser, String... types) {
    MediaTypePredicate predicate = MediaTypePredicate.ofExactTypes(types);
    return new MediaTypeRegistration() {
      @Override
      public ContentAnalyser createContentAnalyser(String contentType, Buffer content, ValidationContext context) {
        return analyser.create(contentType, content, context);
      }

      @Override
      public boolean canHandle(String mediaType) {
        return predicate.test(MediaTypeInfo.of(mediaType));
      }

      @Override
      public List<String> supportedTypes() {
        return predicate.supportedTypes();
      }
    };
  }

  /** The documented routes, "METHOD /path/{param}", sorted. */
  public TreeSet<String> routes() {
    TreeSet<String> out = new TreeSet<>();
    contract.operations().forEach(o -> out.add(o.getHttpMethod().name() + " " + o.getOpenAPIPath()));
    return out;
  }

  @Override
  public void accept(Http.Exchange x) {
    List<String> wrong = check(x);
    if (!wrong.isEmpty()) {
      String body = x.response().body();
      throw new AssertionError("openapi.yaml and the API disagree on " + x.method() + " " + x.path() + " -> "
          + x.response().status() + ": " + String.join("; ", wrong) + "\n  answer: "
          + (body.length() > 600 ? body.substring(0, 600) + "…" : body));
    }
  }

  /** What is wrong with the exchange by the contract (empty: nothing). */
  public List<String> check(Http.Exchange x) {
    List<String> wrong = new ArrayList<>();
    int status = x.response().status();
    String rawPath = x.path().split("\\?", 2)[0];
    String query = x.path().contains("?") ? x.path().substring(x.path().indexOf('?') + 1) : "";
    if (rawPath.startsWith("/_local/") || x.method().equals("OPTIONS")) {
      return wrong;
    }
    List<String> segments = segments(rawPath);
    List<String> raw = java.util.Arrays.stream(rawPath.split("/")).filter(s -> !s.isEmpty()).toList();
    Operation op = contract.findOperation("/" + String.join("/", raw), HttpMethod.valueOf(x.method()));
    if (op == null) {
      if (status != 404 && status != 413) {
        wrong.add("no documented route matches, yet the answer is " + status + " (a route missing from openapi.yaml?)");
      }
      return wrong;
    }
    String route = op.getHttpMethod().name() + " " + op.getOpenAPIPath();
    responsesChecked.incrementAndGet();
    checkResponse(op, x.response(), route, wrong);
    if (status < 400) {
      requestsChecked.incrementAndGet();
      checkRequest(op, segments, query, x, route, wrong);
    }
    return wrong;
  }

  private void checkResponse(Operation op, Http.Response r, String route, List<String> wrong) {
    Response documented = op.getResponse(r.status()) != null ? op.getResponse(r.status()) : op.getDefaultResponse();
    if (documented == null) {
      wrong.add("status " + r.status() + " is not documented for " + route);
      return;
    }
    String type = baseType(r.header("Content-Type"));
    if (!documented.getContent().isEmpty() && r.bytes().length > 0 && !documented.getContent().containsKey(type)) {
      wrong.add("Content-Type " + type + " is not documented for " + r.status() + " of " + route + " (documented: "
          + documented.getContent().keySet() + ")");
      return;
    }
    Map<String, ResponseParameter> headers = new HashMap<>();
    for (Parameter h : documented.getHeaders()) {
      String v = r.header(h.getName());
      if (v != null) {
        headers.put(h.getName(), new RequestParameterImpl(v));
      }
    }
    Buffer body = r.bytes().length == 0 ? null : Buffer.buffer(r.bytes());
    try {
      await(responses.validate(new ValidatableResponseImpl(r.status(), headers, new RequestParameterImpl(body),
          body == null ? null : type), op.getOperationId()));
    } catch (RuntimeException e) {
      wrong.add("response: " + e.getMessage());
    }
  }

  private void checkRequest(Operation op, List<String> segments, String query, Http.Exchange x, String route,
      List<String> wrong) {
    Map<String, RequestParameter> path = new HashMap<>();
    List<String> template = segments(op.getOpenAPIPath());
    for (int i = 0; i < template.size() && i < segments.size(); i++) {
      String t = template.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        path.put(t.substring(1, t.length() - 1), new RequestParameterImpl(segments.get(i)));
      }
    }
    Map<String, RequestParameter> queries = new HashMap<>();
    for (String pair : query.isEmpty() ? new String[0] : query.split("&")) {
      String[] kv = pair.split("=", 2);
      queries.putIfAbsent(decode(kv[0]), new RequestParameterImpl(kv.length > 1 ? decode(kv[1]) : ""));
    }
    Map<String, RequestParameter> headers = new HashMap<>();
    for (Parameter p : op.getParameters()) {
      x.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(p.getName())).findFirst()
          .ifPresent(e -> headers.put(p.getName(), new RequestParameterImpl(e.getValue())));
    }
    String contentType = x.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue).findFirst().map(ApiContract::baseType).orElse(null);
    RequestParameter body = new RequestParameterImpl(x.body() == null || x.body().isEmpty() ? null
        : Buffer.buffer(x.body().getBytes(StandardCharsets.UTF_8)));
    try {
      await(requests.validate(new ValidatableRequestImpl(Map.of(), headers, path, queries, body, contentType),
          op.getOperationId()));
    } catch (RuntimeException e) {
      wrong.add("the API accepted a request the contract does not allow (" + route + "): " + e.getMessage());
    }
  }

  /** The path's segments as the local API reads them (empty ones dropped, percent-decoded, a '+' kept). */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(s.startsWith("{") ? s : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** "application/json; charset=utf-8" → "application/json" (media types are case-insensitive). */
  static String baseType(String contentType) {
    return contentType == null ? null : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the validator did not answer in 30 s", e);
    }
  }
}
