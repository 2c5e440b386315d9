package se.bidrag.requisition;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidrag.access.Caller;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.Problem;
import se.bidrag.json.Json;
import se.bidrag.platform.Platform;

/** The e-service's requisition routes: submit/amend (PUT), read (GET), withdraw (DELETE), and the agency's list. */
public final class RequisitionApiHandler extends ApiHandler {
  private static final Pattern IF_MATCH = Pattern.compile("^\\s*(?:W/)?\"?(\\d{1,18})\"?\\s*$");

  private final RequisitionService service;

  public RequisitionApiHandler() {
    this(Platform.fromEnvironment());
  }

  public RequisitionApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("PUT /grants/{grantId}/requisitions/{recipientId}", this::put);
    route("GET /grants/{grantId}/requisitions/{recipientId}", this::get);
    route("DELETE /grants/{grantId}/requisitions/{recipientId}", this::delete);
    route("GET /grants/{grantId}/requisitions", this::list);
  }

  /** The subject, read with the caller's registration and the request's Idempotency-Key (if well-formed) in one call. */
  private RequisitionService.Subject subject(ApiRequest request, Caller caller) {
    String grantId = request.pathParameter("grantId");
    String recipientId = request.pathParameter("recipientId");
    String key;
    try {
      key = request.idempotencyKey();
    } catch (Problem malformed) {
      key = null; // refused later, where it was refused before (after 404 and 403)
    }
    return service.subject(grantId, recipientId, caller, key);
  }

  private APIGatewayV2HTTPResponse put(ApiRequest request) {
    Caller caller = Callers.of(request);
    RequisitionService.Subject subject = subject(request, caller);
    service.requireMaySubmit(subject, caller);
    byte[] raw = request.bodyBytes();
    RequisitionForm form = RequisitionJson.form(request.jsonBody());
    RequisitionService.Outcome o = service.submit(subject, caller, form, ifMatch(request), request.idempotencyKey(),
        request.requestHash(raw));
    return respond(o, request);
  }

  private APIGatewayV2HTTPResponse delete(ApiRequest request) {
    Caller caller = Callers.of(request);
    RequisitionService.Subject subject = subject(request, caller);
    service.requireMaySubmit(subject, caller);
    RequisitionService.Outcome o = service.withdraw(subject, caller, ifMatch(request), request.idempotencyKey(),
        request.requestHash(request.bodyBytes()));
    return respond(o, request);
  }

  private APIGatewayV2HTTPResponse get(ApiRequest request) {
    Caller caller = Callers.of(request);
    Requisition r = service.get(subject(request, caller), caller);
    return ApiResponse.json(200, RequisitionJson.json(r), Map.of("ETag", "\"" + r.version() + "\""));
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Caller caller = Callers.of(request);
    RequisitionService.Overview o = service.overview(request.pathParameter("grantId"), caller);
    return ApiResponse.json(200, RequisitionJson.overview(o));
  }

  private static APIGatewayV2HTTPResponse respond(RequisitionService.Outcome o, ApiRequest request) {
    Map<String, String> headers = new LinkedHashMap<>();
    long version = o.requisition() != null ? o.requisition().version() : versionOf(o.body());
    headers.put("ETag", "\"" + version + "\"");
    if (o.status() == 201) {
      headers.put("Location", request.path());
    }
    return ApiResponse.rawJson(o.status(), o.body(), headers);
  }

  private static long versionOf(String body) {
    try {
      return Json.parse(body).path("version").asLong();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The version in If-Match ("3", W/"3" or 3), or null when absent. */
  static Long ifMatch(ApiRequest request) {
    return request.header("If-Match").map(v -> {
      Matcher m = IF_MATCH.matcher(v);
      if (!m.matches()) {
        throw Problem.badRequest("If-Match", "must be the requisition's version as an entity tag, e.g. \"3\", not " + v);
      }
      return Long.parseLong(m.group(1));
    }).orElse(null);
  }
}
