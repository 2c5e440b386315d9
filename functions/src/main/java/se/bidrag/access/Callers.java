package se.bidrag.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import se.bidrag.grant.Orgnr;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.Problem;

/**
 * Who calls an HTTP route: read from the claims of the token the JWT authorizer verified. The roles
 * come from {@code role} (one value, as the e-service sends it) and {@code roles} (the agency's
 * identity provider: a list, which API Gateway hands to the function as the text {@code [a b]}, or
 * space- or comma-separated text); the scopes from {@code scope} and {@code scp}, likewise.
 */
public final class Callers {
  /** Roles that tokens may still carry but that no longer grant anything (403 where they once did). */
  static final Set<String> RETIRED = Set.of("admin");

  private Callers() {}

  /** The caller; 401 when the request carries no claims, or claims that do not name a person, role and organisation. */
  public static Caller of(ApiRequest request) {
    Map<String, String> claims = request.jwtClaims();
    if (claims.isEmpty()) {
      throw Problem.unauthorized("a valid bearer token is required");
    }
    String sub = claims.get("sub");
    List<String> codes = new ArrayList<>(values(claims.get("role")));
    codes.addAll(values(claims.get("roles")));
    Set<Role> roles = new LinkedHashSet<>();
    boolean retired = false;
    for (String code : codes) {
      if (RETIRED.contains(code)) {
        retired = true;
        continue;
      }
      roles.add(Role.parse(code).filter(Role::inTokens).orElseThrow(() -> Problem.unauthorized("the token's role '"
          + code + "' is not one of ombud, representant, uppgiftssamordnare, handlaggare, attestant")));
    }
    if (roles.isEmpty() && !retired) {
      throw Problem.unauthorized("the token names no role (claim role or roles)");
    }
    String orgnr = Orgnr.normalise(claims.get("orgnr"));
    if (orgnr == null) {
      throw Problem.unauthorized("the token's orgnr claim is not a valid organisationsnummer");
    }
    if (sub == null || sub.isBlank()) {
      throw Problem.unauthorized("the token has no subject");
    }
    Set<String> scopes = new LinkedHashSet<>(values(claims.get("scope")));
    scopes.addAll(values(claims.get("scp")));
    return new Caller(sub, orgnr, roles, claims.getOrDefault("name", sub), scopes);
  }

  /** A claim's values: none for null; {@code [a b]}, {@code a b} and {@code a,b} all give a and b. */
  static List<String> values(String claim) {
    if (claim == null) {
      return List.of();
    }
    String s = claim.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    List<String> out = new ArrayList<>();
    for (String v : s.split("[\\s,]+")) {
      String t = v.strip();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
