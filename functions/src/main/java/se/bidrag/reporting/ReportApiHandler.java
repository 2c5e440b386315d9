package se.bidrag.reporting;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.Problem;
import se.bidrag.json.Json;
import se.bidrag.platform.Platform;

/**
 * The reporting form's routes (authorised by the personal link's token, not the e-service's JWT)
 * and the agency's status list (JSON or CSV).
 */
public final class ReportApiHandler extends ApiHandler {
  private final ReportingService service;

  public ReportApiHandler() {
    this(Platform.fromEnvironment());
  }

  public ReportApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("GET /reports/form", this::form);
    route("POST /reports", this::submit);
    route("GET /grants/{grantId}/reports", this::status);
  }

  private static String token(ApiRequest request) {
    return request.query("token").orElseThrow(() -> Problem.unauthorized("the link's token is missing (?token=...)"));
  }

  private static Problem invalid(ReportToken.Invalid e) {
    return new Problem(401, "invalid-link", "The link is not valid", e.getMessage()
        + "; ask for a new link if it has expired", List.of(new Problem.FieldError("token", e.getMessage())));
  }

  private APIGatewayV2HTTPResponse form(ApiRequest request) {
    try {
      return ApiResponse.json(200, ReportJson.form(service.form(token(request))));
    } catch (ReportToken.Invalid e) {
      throw invalid(e);
    }
  }

  private APIGatewayV2HTTPResponse submit(ApiRequest request) {
    String token = token(request);
    try {
      service.form(token); // a bad link is 401 before the body is looked at
      ReportingService.Outcome o = service.submit(token, ReportJson.submission(request.jsonBody()));
      return ApiResponse.json(o.status(), ReportJson.report(o.report()));
    } catch (ReportToken.Invalid e) {
      throw invalid(e);
    }
  }

  private APIGatewayV2HTTPResponse status(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    List<ReportingService.Status> list = service.status(grantId);
    boolean csv = request.query("format").map("csv"::equals).orElse(false)
        || request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
    if (csv) {
      return ApiResponse.text(200, "text/csv", ReportJson.statusCsv(list),
          Map.of("Content-Disposition", "attachment; filename=\"reports-" + grantId + ".csv\""));
    }
    ObjectNode body = Json.object().put("grant", grantId);
    ObjectNode totals = body.putObject("totals");
    ArrayNode items = body.putArray("recipients");
    Map<String, Integer> counts = new java.util.TreeMap<>();
    for (ReportingService.Status s : list) {
      counts.merge(s.status(), 1, Integer::sum);
      ObjectNode o = items.addObject().put("recipientId", s.recipient().recipientId()).put("name", s.recipient().name())
          .put("orgnr", s.recipient().orgnr()).put("received", s.recipient().received()).put("status", s.status())
          .put("linkSent", s.linkSent()).put("remindersSent", s.remindersSent())
          .put("registryEmail", s.recipient().registryEmail());
      if (s.report() != null) {
        o.set("report", ReportJson.report(s.report()));
      }
    }
    totals.put("recipients", list.size());
    counts.forEach(totals::put);
    return ApiResponse.json(200, body);
  }
}
