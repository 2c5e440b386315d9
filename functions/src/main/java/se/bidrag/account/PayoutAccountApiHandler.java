package se.bidrag.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.access.Callers;
import se.bidrag.grant.Orgnr;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.JsonBody;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * An organisation's payout account: read by the agency and the organisation's own people (masked),
 * changed by its ombud (202: awaiting attestation), approved or rejected by an agency attestant who
 * did not request it ({@code If-Match} names the version seen).
 */
public final class PayoutAccountApiHandler extends ApiHandler {
  private final PayoutAccountService service;

  public PayoutAccountApiHandler() {
    this(Platform.fromEnvironment());
  }

  public PayoutAccountApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("GET /organisations/{orgnr}/payout-account", this::get);
    route("PUT /organisations/{orgnr}/payout-account", this::put);
    route("POST /organisations/{orgnr}/payout-account/approve", this::approve);
    route("POST /organisations/{orgnr}/payout-account/reject", this::reject);
  }

  private static String orgnr(ApiRequest request) {
    String raw = request.pathParameter("orgnr");
    String orgnr = Orgnr.normalise(raw);
    if (orgnr == null) {
      throw Problem.badRequest("orgnr", "'" + raw + "' is not an organisationsnummer (10 digits with a Luhn check digit)");
    }
    return orgnr;
  }

  private static APIGatewayV2HTTPResponse answer(int status, Caller caller, PayoutAccountService.Result r) {
    ObjectNode body = PayoutAccountJson.api(r.account(), Access.isAgency(caller));
    if (!r.notified().isEmpty()) {
      body.put("notified", r.notified().size());
    }
    return ApiResponse.json(status, body, Map.of("ETag", "\"" + r.account().version() + "\""));
  }

  private APIGatewayV2HTTPResponse get(ApiRequest request) {
    Caller caller = Callers.of(request);
    PayoutAccount a = service.get(caller, orgnr(request));
    return ApiResponse.json(200, PayoutAccountJson.api(a, Access.isAgency(caller)), Map.of("ETag", "\"" + a.version() + "\""));
  }

  private APIGatewayV2HTTPResponse put(ApiRequest request) {
    Caller caller = Callers.of(request);
    String orgnr = orgnr(request);
    service.requireMayRequest(caller, orgnr); // who may is decided before the body is looked at
    JsonBody body = new JsonBody(request.jsonBody(), Set.of("bankgiro"));
    String text = body.text("bankgiro", 20);
    Bankgiro bankgiro = text == null ? null : Bankgiro.parse(text).orElse(null);
    if (text != null && bankgiro == null) {
      body.ruleError("bankgiro", "is not a bankgiro number: 7 or 8 digits (e.g. 5050-1055) whose last digit is the "
          + "check digit");
    }
    body.check();
    PayoutAccountService.Result r = service.request(caller, orgnr, bankgiro);
    return answer(r.changed() ? 202 : 200, caller, r);
  }

  private APIGatewayV2HTTPResponse approve(ApiRequest request) {
    Caller caller = Access.requireAttestant(Callers.of(request));
    return answer(200, caller, service.approve(caller, orgnr(request), request.ifMatchVersion()));
  }

  private APIGatewayV2HTTPResponse reject(ApiRequest request) {
    Caller caller = Access.requireAttestant(Callers.of(request));
    String orgnr = orgnr(request);
    Long version = request.ifMatchVersion();
    JsonBody body = new JsonBody(request.jsonBody(), Set.of("reason"));
    String reason = body.text("reason", 500);
    body.check();
    return answer(200, caller, service.reject(caller, orgnr, version, reason));
  }
}
