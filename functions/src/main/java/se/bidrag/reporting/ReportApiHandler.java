package se.bidrag.reporting;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.TextNode;
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
 * The reporting form's routes (authorised by the personal link's token in {@code Authorization:
 * Bearer}, not by the e-service's JWT), the agency's status list (JSON or CSV) and its revocation of a
 * recipient's link.
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
    route("POST /reports/link-requests", this::linkRequest);
    route("GET /grants/{grantId}/reports", this::status);
    route("POST /grants/{grantId}/reports/{recipientId}/link-revocations", this::revoke);
    route("POST /grants/{grantId}/reports/{recipientId}/link-resends", this::resend);
  }

  /**
   * The link's token, from {@code Authorization: Bearer}. A token in the query string (the links before
   * the form page existed) is refused: it has been in an address that servers log.
   */
  private static String token(ApiRequest request) {
    if (request.query("token").isPresent()) {
      throw invalid(ReportToken.Reason.INVALID, "links with ?token= are no longer accepted (the token must not be in an "
          + "address); use the link in the newest e-mail, or ask for a new one");
    }
    String header = request.header("Authorization").orElse("").strip();
    if (header.length() < 8 || !header.substring(0, 7).equalsIgnoreCase("Bearer ")) {
      throw Problem.unauthorized("the link's token is missing (Authorization: Bearer <token>)");
    }
    return header.substring(7).strip();
  }

  private static Problem invalid(ReportToken.Reason reason, String detail) {
    return new Problem(401, "invalid-link", "The link is not valid", detail + "; ask for a new link",
        List.of(new Problem.FieldError("token", detail))).with("reason", TextNode.valueOf(reason.code()))
        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  }

  private static Problem invalid(ReportToken.Invalid e) {
    return invalid(e.reason(), e.getMessage());
  }

  private APIGatewayV2HTTPResponse form(ApiRequest request) {
    try {
      return ApiResponse.json(200, ReportJson.form(service.form(token(request))), Map.of("Cache-Control", "no-store"));
    } catch (ReportToken.Invalid e) {
      throw invalid(e);
    }
  }

  private APIGatewayV2HTTPResponse submit(ApiRequest request) {
    String token = token(request);
    try {
      // a bad link is 401 before the body is looked at; a good one names the grant for the log
      se.bidrag.platform.LogContext.grant(service.form(token).grant().id());
      ReportingService.Outcome o = service.submit(token, ReportJson.submission(request.jsonBody()));
      return ApiResponse.json(o.status(), ReportJson.report(o.report()), Map.of("Cache-Control", "no-store"));
    } catch (ReportToken.Invalid e) {
      throw invalid(e);
    }
  }

  private APIGatewayV2HTTPResponse linkRequest(ApiRequest request) {
    String token = token(request);
    try {
      return ApiResponse.json(202, ReportJson.linkSent(service.requestLink(token)));
    } catch (ReportToken.Invalid e) {
      throw invalid(e);
    } catch (ReportingService.RateLimited e) {
      throw new Problem(429, "rate-limited", "Too many requests", e.getMessage() + "; try again later", List.of())
          .header("Retry-After", Long.toString(e.retryAfterSeconds()));
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

  private APIGatewayV2HTTPResponse revoke(ApiRequest request) {
    var agency = Access.requireHandlaggare(Callers.of(request), "revoking a report link");
    ReportingService.LinkSent sent = service.revokeLink(request.pathParameter("grantId"),
        request.pathParameter("recipientId"), agency);
    return ApiResponse.json(202, ReportJson.linkSent(sent));
  }

  private APIGatewayV2HTTPResponse resend(ApiRequest request) {
    var agency = Access.requireHandlaggare(Callers.of(request), "sending a report link again");
    return ApiResponse.json(202, ReportJson.linkSent(service.resendLink(request.pathParameter("grantId"),
        request.pathParameter("recipientId"), agency)));
  }
}
