package se.bidrag.access;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Set;
import se.bidrag.grant.Orgnr;
import se.bidrag.grant.Refusal;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.JsonBody;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * Who acts for an organisation: the agency registers (or replaces) its ombud; the ombud invites and
 * removes representanter and uppgiftssamordnare.
 */
public final class OrganisationApiHandler extends ApiHandler {
  private final Registrations registrations;
  private final Access access;
  private final Clock clock;

  public OrganisationApiHandler() {
    this(Platform.fromEnvironment());
  }

  public OrganisationApiHandler(Platform platform) {
    this.registrations = Wiring.registrations(platform);
    this.access = new Access(registrations);
    this.clock = platform.clock();
    route("PUT /organisations/{orgnr}/ombud", this::registerOmbud);
    route("GET /organisations/{orgnr}/ombud", this::getOmbud);
    route("GET /organisations/{orgnr}/delegates", this::listDelegates);
    route("PUT /organisations/{orgnr}/delegates/{subject}", this::invite);
    route("DELETE /organisations/{orgnr}/delegates/{subject}", this::remove);
  }

  private static String orgnr(ApiRequest request) {
    String raw = request.pathParameter("orgnr");
    String orgnr = Orgnr.normalise(raw);
    if (orgnr == null) {
      throw Problem.badRequest("orgnr", "'" + raw + "' is not an organisationsnummer (10 digits with a Luhn check digit)");
    }
    return orgnr;
  }

  private APIGatewayV2HTTPResponse registerOmbud(ApiRequest request) {
    Caller admin = Access.requireHandlaggare(Callers.of(request), "registering an organisation's ombud");
    String orgnr = orgnr(request);
    JsonBody body = new JsonBody(request.jsonBody(), Set.of("subject", "name", "email"));
    String subject = body.text("subject", 200);
    String name = body.text("name", 200);
    String email = body.node().hasNonNull("email") ? body.email("email") : null;
    body.check();
    Registrations.Ombud ombud = registrations.registerOmbud(orgnr, subject, name, email, clock.instant(), admin);
    return ApiResponse.json(ombud.version() == 1 ? 201 : 200, RegistrationJson.json(ombud));
  }

  private APIGatewayV2HTTPResponse getOmbud(ApiRequest request) {
    Caller caller = Callers.of(request);
    String orgnr = orgnr(request);
    access.requireMayRead(caller, orgnr);
    return ApiResponse.json(200, RegistrationJson.json(registrations.ombud(orgnr)
        .orElseThrow(() -> Refusal.notFound("orgnr", "organisation " + orgnr + " has no registered ombud"))));
  }

  private APIGatewayV2HTTPResponse listDelegates(ApiRequest request) {
    Caller caller = Callers.of(request);
    String orgnr = orgnr(request);
    access.requireMayListDelegates(caller, orgnr);
    return ApiResponse.json(200, RegistrationJson.delegates(orgnr, registrations.delegates(orgnr)));
  }

  private APIGatewayV2HTTPResponse invite(ApiRequest request) {
    Caller caller = Callers.of(request);
    String orgnr = orgnr(request);
    String subject = request.pathParameter("subject");
    access.requireMayInvite(caller, orgnr, subject); // who may invite is decided before the body is looked at
    JsonBody body = new JsonBody(request.jsonBody(), Set.of("role", "name"));
    String roleText = body.text("role", 40);
    String name = body.text("name", 200);
    Role role = roleText == null ? null : Role.parse(roleText).orElse(null);
    if (roleText != null && (role == null || (role != Role.REPRESENTANT && role != Role.UPPGIFTSSAMORDNARE))) {
      body.ruleError("role", "must be representant or uppgiftssamordnare");
    }
    body.check();
    Registrations.Delegate d = registrations.invite(orgnr, subject, role, name, clock.instant(), caller);
    return ApiResponse.json(d.version() == 1 ? 201 : 200, RegistrationJson.json(d));
  }

  private APIGatewayV2HTTPResponse remove(ApiRequest request) {
    Caller caller = Callers.of(request);
    String orgnr = orgnr(request);
    String subject = request.pathParameter("subject");
    access.requireOmbud(caller, orgnr);
    if (!registrations.remove(orgnr, subject, clock.instant(), caller)) {
      throw Refusal.notFound("subject", subject + " is not invited for organisation " + orgnr);
    }
    return ApiResponse.noContent();
  }
}
