package se.bidrag.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import se.bidrag.platform.Log;
import se.bidrag.platform.LogContext;
import se.bidrag.platform.Priming;

/**
 * A thin Lambda handler for HTTP API routes: finds the route by its route key (as declared in
 * template.yaml), calls it, and maps {@link Problem}s to problem+json. An unexpected failure is
 * logged and answered 500 with a reference, never a stack trace.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();

  protected ApiHandler() {
    if (Priming.armed()) {
      Priming.register("HTTP routes", this::primeRoutes);
    }
  }

  /** SnapStart priming: each GET route once through this handler with a synthetic agency request (reads only). */
  public final void primeRoutes() {
    RoutePriming.prime(this);
  }

  protected final void route(String routeKey, Function<ApiRequest, APIGatewayV2HTTPResponse> handler) {
    routes.put(routeKey, handler);
  }

  /** The route keys this handler serves ("METHOD /path/{param}"). */
  public final List<String> routeKeys() {
    return List.copyOf(routes.keySet());
  }

  /**
   * Every line the request logs carries its correlation id: the caller's {@code x-correlation-id} header
   * (the e-service's own id for the request), else the API's request id, as in the access log.
   */
  @Override
  public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
    String correlationId = headers.get(LogContext.HEADER);
    if (correlationId == null && event.getRequestContext() != null) {
      correlationId = event.getRequestContext().getRequestId();
    }
    String grant = event.getPathParameters() == null ? null : event.getPathParameters().get("grantId");
    try (LogContext.Scope log = LogContext.invocation(context, correlationId, grant)) {
      long t0 = System.nanoTime();
      APIGatewayV2HTTPResponse response = handle(event, context);
      // one line per request: ties the function's request id to the access log's (the API's) and the caller's id
      Log.info("request", "route", event.getRouteKey(), "status", response.getStatusCode(), "ms",
          (System.nanoTime() - t0) / 1_000_000, "apiRequestId", event.getRequestContext() == null ? null
              : event.getRequestContext().getRequestId());
      return response;
    }
  }

  private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
    String instance = event.getRawPath();
    var route = routes.get(event.getRouteKey());
    try {
      if (route == null) {
        throw Problem.notFound(null, "no route " + event.getRouteKey());
      }
      return Compression.apply(event, route.apply(new ApiRequest(event)));
    } catch (Problem p) {
      return ApiResponse.problem(p, instance);
    } catch (se.bidrag.grant.Refusal r) {
      return ApiResponse.problem(Problem.from(r), instance);
    } catch (RuntimeException e) {
      String ref = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId()
          : java.util.UUID.randomUUID().toString();
      Log.error("unhandled", e, "route", event.getRouteKey(), "reference", ref);
      return ApiResponse.problem(new Problem(500, "internal", "Internal error",
          "The request failed unexpectedly; nothing is known to have changed. Reference: " + ref, List.of()), instance);
    }
  }
}
