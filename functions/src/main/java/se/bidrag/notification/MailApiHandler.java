package se.bidrag.notification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.platform.Platform;

/** The agency's view of the mail: suppressed addresses (and lifting one), and what was sent for a grant. */
public final class MailApiHandler extends ApiHandler {
  private final Suppressions suppressions;
  private final EmailLedger ledger;
  private final GrantCatalog grants;

  public MailApiHandler() {
    this(Platform.fromEnvironment());
  }

  public MailApiHandler(Platform platform) {
    MailRecords records = Wiring.records(platform);
    this.suppressions = records.suppressions();
    this.ledger = records.ledger();
    this.grants = se.bidrag.grant.GrantCatalogs.of(platform);
    route("GET /email/suppressions", this::list);
    route("DELETE /email/suppressions/{address}", this::lift);
    route("GET /grants/{grantId}/emails", this::sent);
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    return ApiResponse.json(200, MailJson.suppressions(suppressions.all()));
  }

  private APIGatewayV2HTTPResponse lift(ApiRequest request) {
    Access.requireHandlaggare(Callers.of(request), "lifting a suppression");
    String address = request.pathParameter("address");
    if (!suppressions.lift(address)) {
      throw Refusal.notFound("address", address + " is not suppressed");
    }
    return ApiResponse.noContent();
  }

  private APIGatewayV2HTTPResponse sent(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    // an unknown grant is 404, as on every other grant route (it answered 200 with no mail: openapi.yaml found it)
    grants.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    return ApiResponse.json(200, MailJson.sent(grantId, ledger.ofGrant(grantId)));
  }
}
