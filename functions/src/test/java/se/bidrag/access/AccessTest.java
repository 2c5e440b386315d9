package se.bidrag.access;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  final Caller agency = new Caller("handlaggare-1", "2021000555", Role.ADMIN, "Handläggare");
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
    assertEquals("this route is for the agency (role admin); the token's role is ombud",
        refused(() -> Access.requireAgency(ombud)));
    assertEquals("the list of all requisitions is for the agency (role admin)",
        refused(() -> Access.requireAgency(representant, "the list of all requisitions")));
  }

  @Test
  void theOmbudAndRepresentantsSubmitForTheirOwnOrganisationOnly() {
    assertDoesNotThrow(() -> access.requireMaySubmit(ombud, ORG));
    assertDoesNotThrow(() -> access.requireMaySubmit(representant, ORG));
    assertEquals("the token acts for organisation " + ORG + ", not " + OTHER, refused(() -> access.requireMaySubmit(ombud, OTHER)));
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
  void theCallerIsReadFromTheVerifiedTokensClaims() {
    Caller c = Callers.of(request(Map.of("sub", "ombud-1", "role", "ombud", "orgnr", "212000-0019", "name", "Anna")));
    assertEquals(new Caller("ombud-1", ORG, Role.OMBUD, "Anna"), c);
  }

  @Test
  void withoutUsableClaimsTheCallerIsUnauthenticated() {
    Problem none = assertThrows(Problem.class, () -> Callers.of(request(null)));
    assertEquals(401, none.status());
    assertEquals("a valid bearer token is required", none.getMessage());
    assertEquals("Bearer", none.headers().get("WWW-Authenticate"));
    assertEquals(401, assertThrows(Problem.class,
        () -> Callers.of(request(Map.of("sub", "x", "role", "reporter", "orgnr", ORG)))).status(), "no token role");
    assertEquals("the token's orgnr claim is not a valid organisationsnummer", assertThrows(Problem.class,
        () -> Callers.of(request(Map.of("sub", "x", "role", "ombud", "orgnr", "123")))).getMessage());
  }
}
