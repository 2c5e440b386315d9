package se.bidrag.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.bidrag.grant.Refusal;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.Problem;

class AccessTest {
  static final String ORG = "2120000019";
  static final String OTHER = "2120000027";
  static final Instant AT = Instant.parse("2025-03-01T10:00:00Z");

  /** Registrations in memory. */
  static final class InMemoryRegistrations implements Registrations {
    final Map<String, Ombud> ombud = new HashMap<>();
    final Map<String, Delegate> delegates = new HashMap<>();

    @Override
    public Optional<Ombud> ombud(String orgnr) {
      return Optional.ofNullable(ombud.get(orgnr));
    }

    @Override
    public Optional<Delegate> delegate(String orgnr, String subject) {
      return Optional.ofNullable(delegates.get(orgnr + "/" + subject));
    }

    @Override
    public List<Delegate> delegates(String orgnr) {
      return new ArrayList<>(delegates.values().stream().filter(d -> d.orgnr().equals(orgnr)).toList());
    }

    @Override
    public Ombud registerOmbud(String orgnr, String subject, String name, String email, Instant at, Caller by) {
      Ombud o = new Ombud(orgnr, subject, name, email, at, by.describe(), ombud(orgnr).map(Ombud::version).orElse(0L) + 1);
      ombud.put(orgnr, o);
      return o;
    }

    @Override
    public Delegate invite(String orgnr, String subject, Role role, String name, Instant at, Caller by) {
      Delegate d = new Delegate(orgnr, subject, role, name, at, by.describe(),
          delegate(orgnr, subject).map(Delegate::version).orElse(0L) + 1);
      delegates.put(orgnr + "/" + subject, d);
      return d;
    }

    @Override
    public boolean remove(String orgnr, String subject, Instant at, Caller by) {
      return delegates.remove(orgnr + "/" + subject) != null;
    }
  }

  final InMemoryRegistrations registrations = new InMemoryRegistrations();
  final Access access = new Access(registrations);
  static final String AGENCY = "2021000555";
  static final Set<String> SCOPE = Set.of(Access.AGENCY_SCOPE);
  final Caller agency = new Caller("handlaggare-1", AGENCY, Set.of(Role.HANDLAGGARE), "Handläggare", SCOPE);
  final Caller attestant = new Caller("attestant-1", AGENCY, Set.of(Role.ATTESTANT), "Attestant", SCOPE);
  final Caller both = new Caller("chef-1", AGENCY, Set.of(Role.HANDLAGGARE, Role.ATTESTANT), "Chef", SCOPE);
  final Caller ombud = new Caller("ombud-1", ORG, Role.OMBUD, "Ombud");
  final Caller representant = new Caller("rep-1", ORG, Role.REPRESENTANT, "Representant");
  final Caller samordnare = new Caller("sam-1", ORG, Role.UPPGIFTSSAMORDNARE, "Samordnare");

  AccessTest() {
    registrations.registerOmbud(ORG, "ombud-1", "Ombud", null, AT, agency);
    registrations.invite(ORG, "rep-1", Role.REPRESENTANT, "Representant", AT, ombud);
    registrations.invite(ORG, "sam-1", Role.UPPGIFTSSAMORDNARE, "Samordnare", AT, ombud);
  }

  private static String refused(org.junit.jupiter.api.function.Executable e) {
    Refusal r = assertThrows(Refusal.class, e);
    assertEquals(Refusal.Kind.FORBIDDEN, r.kind());
    return r.getMessage();
  }

  @Test
  void agencyRoutesAreForTheAgencyAlone() {
    assertSame(agency, Access.requireAgency(agency));
    assertSame(attestant, Access.requireAgency(attestant));
    assertEquals("this route is for the agency's handläggare and attestanter; the token is not an agency token "
        + "(roles ombud)", refused(() -> Access.requireAgency(ombud)));
    assertEquals("the list of all requisitions is for the agency's handläggare and attestanter",
        refused(() -> Access.requireAgency(representant, "the list of all requisitions")));
  }

  @Test
  void agencyRolesCountOnlyInTokensOfTheAgencysOrgnrWithTheAgencyScope() {
    Caller municipalHandlaggare = new Caller("h", ORG, Set.of(Role.HANDLAGGARE), "H", SCOPE);
    Caller noScope = new Caller("h", AGENCY, Set.of(Role.HANDLAGGARE), "H", Set.of());
    Caller retiredAdmin = new Caller("a", ORG, Set.of(), "A", SCOPE);
    for (Caller c : List.of(municipalHandlaggare, noScope, retiredAdmin)) {
      refused(() -> Access.requireAgency(c));
      refused(() -> Access.requireHandlaggare(c, "publishing"));
      refused(() -> Access.requireAttestant(c));
      refused(() -> access.requireMayRead(c, ORG));
      refused(() -> access.requireMaySubmit(c, ORG));
    }
  }

  @Test
  void handlaggarePrepareAttestanterDecideAndNobodyDecidesOnTheirOwnProposal() {
    assertSame(agency, Access.requireHandlaggare(agency, "a payout batch"));
    assertEquals("a payout batch is prepared by the agency's handläggare; the token's roles are attestant",
        refused(() -> Access.requireHandlaggare(attestant, "a payout batch")));
    refused(() -> Access.requireAttestant(agency));
    assertSame(attestant, Access.requireMayDecide(attestant, "handlaggare-1"));
    assertSame(attestant, Access.requireMayDecide(attestant, "system:payout"), "the daily run is no person");
    assertSame(both, Access.requireMayDecide(both, "handlaggare-1"));
    assertEquals("nobody approves or rejects their own proposal; another attestant decides",
        refused(() -> Access.requireMayDecide(both, "chef-1")));
    refused(() -> Access.requireMayDecide(agency, "someone-else"));
  }

  @Test
  void noRefusalNamesAnotherOrganisationsNumber() {
    for (org.junit.jupiter.api.function.Executable e : List.<org.junit.jupiter.api.function.Executable>of(
        () -> access.requireMaySubmit(ombud, OTHER), () -> access.requireMayRead(ombud, OTHER),
        () -> access.requireOmbud(ombud, OTHER), () -> access.requireMayInvite(ombud, OTHER, "x"),
        () -> Access.requireAddressee(ombud, OTHER, "invoice 2026000001"))) {
      String message = refused(e);
      org.junit.jupiter.api.Assertions.assertFalse(message.contains(OTHER), message);
    }
    assertDoesNotThrow(() -> Access.requireAddressee(agency, OTHER, "invoice 2026000001"));
    assertDoesNotThrow(() -> Access.requireAddressee(ombud, ORG, "invoice 2026000001"));
  }

  @Test
  void theOmbudAndRepresentantsSubmitForTheirOwnOrganisationOnly() {
    assertDoesNotThrow(() -> access.requireMaySubmit(ombud, ORG));
    assertDoesNotThrow(() -> access.requireMaySubmit(representant, ORG));
    assertEquals("the token acts for organisation " + ORG + ", not for the organisation in the request",
        refused(() -> access.requireMaySubmit(ombud, OTHER)));
    refused(() -> access.requireMaySubmit(samordnare, ORG));
    refused(() -> access.requireMaySubmit(agency, ORG));
    refused(() -> access.requireMaySubmit(new Caller("stranger", ORG, Role.REPRESENTANT, "X"), ORG));
  }

  @Test
  void theAgencyAndTheOrganisationsOwnPeopleRead() {
    assertDoesNotThrow(() -> access.requireMayRead(agency, ORG));
    assertDoesNotThrow(() -> access.requireMayRead(samordnare, ORG));
    refused(() -> access.requireMayRead(new Caller("ombud-2", OTHER, Role.OMBUD, "Y"), ORG));
  }

  @Test
  void onlyTheOmbudInvitesAndNotThemself() {
    assertDoesNotThrow(() -> access.requireMayInvite(ombud, ORG, "new-1"));
    refused(() -> access.requireMayInvite(representant, ORG, "new-1"));
    Refusal self = assertThrows(Refusal.class, () -> access.requireMayInvite(ombud, ORG, "ombud-1"));
    assertEquals(Refusal.Kind.INVALID, self.kind());
    assertDoesNotThrow(() -> access.requireMayListDelegates(agency, ORG));
    refused(() -> access.requireMayListDelegates(samordnare, ORG));
  }

  private static ApiRequest request(Map<String, String> claims) {
    APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
    APIGatewayV2HTTPEvent.RequestContext ctx = new APIGatewayV2HTTPEvent.RequestContext();
    if (claims != null) {
      APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
      APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
      jwt.setClaims(claims);
      authorizer.setJwt(jwt);
      ctx.setAuthorizer(authorizer);
    }
    e.setRequestContext(ctx);
    return new ApiRequest(e);
  }

  @Test
  void whoeverRegisteredTheOmbudDoesNotApproveThatOmbudsPayoutAccount() {
    registrations.registerOmbud(ORG, "ombud-1", "Ombud", null, AT, both);
    assertTrue(refused(() -> access.requireNotOmbudsRegistrar(both, ORG)).contains("registered the organisation's ombud"));
    access.requireNotOmbudsRegistrar(attestant, ORG); // another attestant may
    access.requireNotOmbudsRegistrar(both, OTHER); // no ombud registered there: nothing to compare
  }

  @Test
  void theCallerIsReadFromTheVerifiedTokensClaims() {
    Caller c = Callers.of(request(Map.of("sub", "ombud-1", "role", "ombud", "orgnr", "212000-0019", "name", "Anna")));
    assertEquals(new Caller("ombud-1", ORG, Role.OMBUD, "Anna"), c);
  }

  @Test
  void theAgencysRolesAndScopesAreReadAsApiGatewayDeliversThem() {
    Caller c = Callers.of(request(Map.of("sub", "maria", "roles", "[handlaggare attestant]", "orgnr", AGENCY,
        "scope", "openid bidrag/agency")));
    assertEquals(Set.of(Role.HANDLAGGARE, Role.ATTESTANT), c.roles());
    assertEquals(Set.of("openid", "bidrag/agency"), c.scopes());
    assertEquals(AGENCY + "/handlaggare+attestant/maria", c.describe());
    Caller scp = Callers.of(request(Map.of("sub", "johan", "roles", "attestant", "orgnr", AGENCY,
        "scp", "[bidrag/agency]")));
    assertEquals(Set.of(Role.ATTESTANT), scp.roles());
    assertSame(scp, Access.requireAttestant(scp));
    assertEquals(Set.of(Role.HANDLAGGARE, Role.ATTESTANT), Callers.of(request(Map.of("sub", "x", "roles",
        "handlaggare,attestant", "orgnr", AGENCY))).roles());
    Caller admin = Callers.of(request(Map.of("sub", "x", "role", "admin", "orgnr", ORG)));
    assertEquals(Set.of(), admin.roles(), "the retired admin role grants nothing");
    assertEquals(Caller.described(c.describe()).roles(), c.roles());
  }

  @Test
  void withoutUsableClaimsTheCallerIsUnauthenticated() {
    Problem none = assertThrows(Problem.class, () -> Callers.of(request(null)));
    assertEquals(401, none.status());
    assertEquals("a valid bearer token is required", none.getMessage());
    assertEquals("Bearer", none.headers().get("WWW-Authenticate"));
    assertEquals(401, assertThrows(Problem.class,
        () -> Callers.of(request(Map.of("sub", "x", "role", "reporter", "orgnr", ORG)))).status(), "no token role");
    assertEquals(401, assertThrows(Problem.class,
        () -> Callers.of(request(Map.of("sub", "x", "role", "system", "orgnr", ORG)))).status(), "no token role");
    assertEquals("the token's orgnr claim is not a valid organisationsnummer", assertThrows(Problem.class,
        () -> Callers.of(request(Map.of("sub", "x", "role", "ombud", "orgnr", "123")))).getMessage());
  }
}
