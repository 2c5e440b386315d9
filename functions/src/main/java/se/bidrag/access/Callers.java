package se.bidrag.access;

import java.util.Map;
import se.bidrag.grant.Orgnr;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.Problem;

/** Who calls an HTTP route: read from the claims of the token the JWT authorizer verified. */
public final class Callers {
  private Callers() {}

  /** The caller; 401 when the request carries no claims, or claims that do not name a person, role and organisation. */
  public static Caller of(ApiRequest request) {
    Map<String, String> claims = request.jwtClaims();
    if (claims.isEmpty()) {
      throw Problem.unauthorized("a valid bearer token is required");
    }
    String sub = claims.get("sub");
    String roleText = claims.get("role");
    Role role = Role.parse(roleText).filter(r -> r != Role.REPORTER).orElseThrow(
        () -> Problem.unauthorized("the token's role claim '" + roleText + "' is not one of ombud, representant, "
            + "uppgiftssamordnare, admin"));
    String orgnr = Orgnr.normalise(claims.get("orgnr"));
    if (orgnr == null) {
      throw Problem.unauthorized("the token's orgnr claim is not a valid organisationsnummer");
    }
    if (sub == null || sub.isBlank()) {
      throw Problem.unauthorized("the token has no subject");
    }
    return new Caller(sub, orgnr, role, claims.getOrDefault("name", sub));
  }
}
