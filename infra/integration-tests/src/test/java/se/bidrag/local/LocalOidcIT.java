package se.bidrag.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local OpenID provider the console signs in with, over HTTP: discovery, the sign-in page, the
 * authorization code flow with PKCE S256 and its refusals (wrong verifier, a code used twice, another
 * redirect_uri, an unregistered redirect_uri), rotating refresh tokens, logout, CORS for the site, and
 * that the access token it issues is accepted by the local JWT authorizer while the ID token is not.
 */
class LocalOidcIT {
  static LocalRuntime runtime;
  static Http http;
  static String issuer;
  static String redirect;
  static String site;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.options().clock(Instant.parse("2025-04-17T20:00:00Z"), false).start();
    http = new Http(runtime.api().uri());
    issuer = LocalOidc.issuer(runtime.api().uri());
    site = runtime.site().origin().toString();
    redirect = runtime.site().consoleUrl().toString();
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static String path(String endpoint) {
    return URI.create(endpoint).getRawPath();
  }

  private static String form(Map<String, String> m) {
    return m.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static Http.Response post(String path, Map<String, String> body) {
    return http.send("POST", path, null, form(body), Map.of("Content-Type", "application/x-www-form-urlencoded",
        "Origin", site));
  }

  private static Map<String, String> authorizeParams(String challenge) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("response_type", "code");
    p.put("client_id", LocalOidc.CLIENT_ID);
    p.put("redirect_uri", redirect);
    p.put("scope", "openid profile");
    p.put("state", "st-1");
    p.put("nonce", "nonce-1");
    p.put("code_challenge", challenge);
    p.put("code_challenge_method", "S256");
    return p;
  }

  private static String verifier() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Signs in as {@code person} (with {@code roles}, or the person's own) and returns the code. */
  private static String code(String verifier, String person, String... roles) {
    Map<String, String> p = authorizeParams(LocalOidc.s256(verifier));
    p.put("person", person);
    p.put("action", "login");
    String body = form(p) + java.util.Arrays.stream(roles).map(r -> "&roles=" + r).collect(Collectors.joining());
    Http.Response r = http.send("POST", path(issuer + "/authorize"), null, body,
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertEquals(302, r.status(), r.body());
    URI back = URI.create(r.header("Location"));
    assertTrue(back.toString().startsWith(redirect + "?"), back.toString());
    Map<String, String> q = LocalOidc.form(back.getRawQuery()).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
    assertEquals("st-1", q.get("state"));
    return q.get("code");
  }

  private static Http.Response exchange(String code, String verifier, String redirectUri) {
    return post(path(issuer + "/token"), Map.of("grant_type", "authorization_code", "code", code,
        "client_id", LocalOidc.CLIENT_ID, "redirect_uri", redirectUri, "code_verifier", verifier));
  }

  @Test
  void discoveryNamesTheEndpointsAndTheSiteMayReadIt() {
    Http.Response r = http.send("GET", path(issuer) + "/.well-known/openid-configuration", null, null, Map.of("Origin", site));
    assertEquals(200, r.status());
    JsonNode d = r.json();
    assertEquals(issuer, d.path("issuer").asText());
    assertEquals(issuer + "/token", d.path("token_endpoint").asText());
    assertEquals("S256", d.path("code_challenge_methods_supported").path(0).asText());
    assertEquals(site, r.header("Access-Control-Allow-Origin"));
    Http.Response other = http.send("GET", path(issuer) + "/.well-known/openid-configuration", null, null,
        Map.of("Origin", "https://elsewhere.example"));
    assertNull(other.header("Access-Control-Allow-Origin"));
  }

  @Test
  void theSignInPageIsSwedishAndAskedEveryTime() {
    Map<String, String> p = authorizeParams(LocalOidc.s256(verifier()));
    Http.Response r = http.send("GET", path(issuer + "/authorize") + "?" + form(p), null, null, Map.of());
    assertEquals(200, r.status());
    assertTrue(r.body().contains("lang=\"sv\"") && r.body().contains("name=\"person\" value=\"disa\""), r.body());
    assertTrue(r.header("Content-Security-Policy").contains("form-action 'self' " + site));
    assertNull(r.header("Set-Cookie"), "no session: two windows can be two people");
  }

  @Test
  void aCodeBecomesTokensTheAuthorizerAcceptsOnce() throws Exception {
    String verifier = verifier();
    String code = code(verifier, "disa");
    Http.Response t = exchange(code, verifier, redirect);
    assertEquals(200, t.status(), t.body());
    assertEquals(site, t.header("Access-Control-Allow-Origin"));
    JsonNode tokens = t.json();
    var id = SignedJWT.parse(tokens.path("id_token").asText()).getJWTClaimsSet();
    assertEquals(issuer, id.getIssuer());
    assertEquals(LocalOidc.CLIENT_ID, id.getAudience().get(0));
    assertEquals("nonce-1", id.getStringClaim("nonce"));
    assertEquals("handlaggare attestant", id.getStringClaim("roles"));
    Map<String, String> claims = runtime.jwt().verify("Bearer " + tokens.path("access_token").asText());
    assertEquals("disa", claims.get("sub"));
    assertEquals("Disa Dubbelroll", claims.get("name"));
    assertEquals("[handlaggare attestant]", claims.get("roles"));
    assertThrows(() -> runtime.jwt().verify("Bearer " + tokens.path("id_token").asText()), "an ID token is no access token");
    Http.Response again = exchange(code, verifier, redirect);
    assertEquals(400, again.status(), "a code is used once");
    assertEquals("invalid_grant", again.json().path("error").asText());
    // rotating refresh token: the new one works, the old one no longer
    String refresh = tokens.path("refresh_token").asText();
    Http.Response renewed = post(path(issuer + "/token"), Map.of("grant_type", "refresh_token", "refresh_token", refresh,
        "client_id", LocalOidc.CLIENT_ID));
    assertEquals(200, renewed.status(), renewed.body());
    assertNotEquals(refresh, renewed.json().path("refresh_token").asText());
    assertEquals(400, post(path(issuer + "/token"), Map.of("grant_type", "refresh_token", "refresh_token", refresh,
        "client_id", LocalOidc.CLIENT_ID)).status());
  }

  @Test
  void chosenRolesReplaceThePersonsOwn() throws Exception {
    String verifier = verifier();
    JsonNode tokens = exchange(code(verifier, "hanna", "attestant"), verifier, redirect).json();
    assertEquals("[attestant]", runtime.jwt().verify("Bearer " + tokens.path("access_token").asText()).get("roles"));
  }

  @Test
  void aWrongVerifierIsRefusedAndSpendsTheCode() {
    String verifier = verifier();
    String code = code(verifier, "arvid");
    Http.Response wrong = exchange(code, verifier(), redirect);
    assertEquals(400, wrong.status());
    assertEquals("invalid_grant", wrong.json().path("error").asText());
    assertEquals(400, exchange(code, verifier, redirect).status(), "the code is gone after a failed attempt");
  }

  @Test
  void anotherRedirectUriIsRefused() {
    String verifier = verifier();
    Http.Response r = exchange(code(verifier, "hanna"), verifier, site + "/konsol/annan/");
    assertEquals(400, r.status());
    assertEquals("invalid_grant", r.json().path("error").asText());
    Map<String, String> p = authorizeParams(LocalOidc.s256(verifier));
    p.put("redirect_uri", "https://evil.example/konsol/");
    Http.Response page = http.send("GET", path(issuer + "/authorize") + "?" + form(p), null, null, Map.of());
    assertEquals(400, page.status(), "an unregistered redirect_uri gets a page, never a redirect");
    assertNull(page.header("Location"));
  }

  @Test
  void cancelAndLogoutGoBackToTheConsole() {
    Map<String, String> p = authorizeParams(LocalOidc.s256(verifier()));
    p.put("action", "cancel");
    Http.Response c = http.send("POST", path(issuer + "/authorize"), null, form(p),
        Map.of("Content-Type", "application/x-www-form-urlencoded"));
    assertEquals(302, c.status());
    assertTrue(c.header("Location").contains("error=access_denied"), c.header("Location"));
    Http.Response out = http.send("GET", path(issuer + "/logout") + "?" + form(Map.of("client_id", LocalOidc.CLIENT_ID,
        "post_logout_redirect_uri", redirect + "?utloggad=1")), null, null, Map.of());
    assertEquals(302, out.status());
    assertEquals(redirect + "?utloggad=1", out.header("Location"));
  }

  @Test
  void theConsolesConfigNamesTheProvider() {
    Http.Response r = new Http(runtime.site().origin()).send("GET", "/konsol/config.js", null, null, Map.of());
    assertEquals(200, r.status());
    assertTrue(r.body().contains("issuer: \"" + issuer + "\"") && r.body().contains("grantId: \"god-och-nara-vard-2025\""),
        r.body());
  }

  private static void assertThrows(org.junit.jupiter.api.function.Executable e, String message) {
    org.junit.jupiter.api.Assertions.assertThrows(LocalJwt.Unauthorized.class, e, message);
  }
}
