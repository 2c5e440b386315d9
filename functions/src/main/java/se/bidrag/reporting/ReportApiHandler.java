package se.bidrag.reporting;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.Problem;
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
    ReportingService.Overview overview = service.overview(grantId);
    boolean csv = request.query("format").map("csv"::equals).orElse(false)
        || request.header("Accept").map(a -> a.toLowerCase(Locale.ROOT).contains("text/csv")).orElse(false);
    if (csv) {
      return ApiResponse.text(200, "text/csv", ReportJson.statusCsv(overview.recipients()),
          Map.of("Content-Disposition", "attachment; filename=\"reports-" + grantId + ".csv\""));
    }
    return ApiResponse.json(200, ReportJson.overview(overview));
  }
}
