package se.bidrag.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import se.bidrag.json.Json;

/**
 * The agency's identity provider, locally: an OpenID Connect provider for the console (authorization
 * code flow with PKCE S256, a public client, no secret) under {@code <api>/_local/oidc}. Its sign-in page
 * lets one pick a test person and agency roles and never remembers a session, so two browser windows
 * can be two people. Access tokens are the local JWT authorizer's ({@code iss} {@link LocalJwt#ISSUER},
 * {@code aud} bidrag, {@code roles}, {@code orgnr}, {@code name}, the agency scope), signed with the
 * same key as {@code ./bidrag token}; ID tokens carry this provider's issuer URL, the client id as
 * audience and the request's nonce. Refresh tokens rotate (each is used once). Time: the wall clock, as
 * API Gateway judges tokens.
 */
public final class LocalOidc {
  public static final String CLIENT_ID = "bidrag-konsol";
  static final String PATH = "/_local/oidc";
  static final Duration CODE_TTL = Duration.ofSeconds(60);
  static final Duration ACCESS_TTL = Duration.ofHours(1);
  static final Duration REFRESH_TTL = Duration.ofHours(10);
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A test person of the sign-in page. */
  record Person(String sub, String name, List<String> roles) {}

  static final List<Person> PERSONS = List.of(new Person("hanna", "Hanna Handläggare", List.of("handlaggare")),
      new Person("arvid", "Arvid Attestant", List.of("attestant")),
      new Person("disa", "Disa Dubbelroll", List.of("handlaggare", "attestant")),
      new Person("olle", "Olle Utan Roll", List.of()));
  static final List<String> ROLES = List.of("handlaggare", "attestant");

  private record Grant(String clientId, String redirectUri, String challenge, String nonce, String scope, Person person,
      List<String> roles, Instant expires) {}

  private final LocalJwt jwt;
  private final String issuer;
  private final String siteOrigin;
  private final String orgnr;
  private final Path stylesheet;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();

  LocalOidc(LocalJwt jwt, URI api, URI siteOrigin, String agencyOrgnr, Path stylesheet) {
    this.jwt = jwt;
    this.issuer = issuer(api);
    this.siteOrigin = siteOrigin.toString().replaceAll("/+$", "");
    this.orgnr = agencyOrgnr;
    this.stylesheet = stylesheet;
  }

  /** The issuer URL for a local API at {@code api}. */
  public static String issuer(URI api) {
    return api.toString().replaceAll("/+$", "") + PATH;
  }

  String issuer() {
    return issuer;
  }

  /** The one redirect URI registered for the console. */
  String redirectUri() {
    return siteOrigin + "/konsol/";
  }

  ObjectNode discovery() {
    ObjectNode d = Json.object().put("issuer", issuer).put("authorization_endpoint", issuer + "/authorize")
        .put("token_endpoint", issuer + "/token").put("jwks_uri", issuer + "/jwks.json")
        .put("end_session_endpoint", issuer + "/logout");
    d.putArray("response_types_supported").add("code");
    d.putArray("response_modes_supported").add("query");
    d.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
    d.putArray("code_challenge_methods_supported").add("S256");
    d.putArray("token_endpoint_auth_methods_supported").add("none");
    d.putArray("subject_types_supported").add("public");
    d.putArray("id_token_signing_alg_values_supported").add("RS256");
    d.putArray("scopes_supported").add("openid").add("profile");
    d.putArray("claims_supported").add("sub").add("name").add("orgnr").add("roles");
    return d;
  }

  /** An answer of the provider: status, headers, body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer json(int status, com.fasterxml.jackson.databind.JsonNode json) {
      return new Answer(status, Map.of("Content-Type", "application/json", "Cache-Control", "no-store"),
          Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    static Answer redirect(String location) {
      return new Answer(302, Map.of("Location", location, "Cache-Control", "no-store", "Referrer-Policy", "no-referrer"),
          new byte[0]);
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  /** Handles a request below {@link #PATH} (the API server's context). */
  void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String sub = exchange.getRequestURI().getRawPath().substring(PATH.length());
      String body = new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
      Map<String, List<String>> params = form(method.equals("POST") ? body : exchange.getRequestURI().getRawQuery());
      Answer a = answer(method, sub, params);
      String origin = exchange.getRequestHeaders().getFirst("Origin");
      if (siteOrigin.equals(origin)) {
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
        exchange.getResponseHeaders().set("Vary", "Origin");
        if (method.equals("OPTIONS")) {
          exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST");
          exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "content-type");
          exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
        }
      }
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(a.body());
        }
      }
    }
  }

  /** The provider's answer to {@code method path} with the query's or form's parameters (testable without HTTP). */
  Answer answer(String method, String path, Map<String, List<String>> q) {
    if (method.equals("OPTIONS")) {
      return new Answer(204, Map.of(), new byte[0]);
    }
    return switch (method + " " + path) {
      case "GET /.well-known/openid-configuration" -> Answer.json(200, discovery());
      case "GET /jwks.json" -> new Answer(200, Map.of("Content-Type", "application/json"), jwt.jwks().getBytes(StandardCharsets.UTF_8));
      case "GET /bidrag.css" -> stylesheet();
      case "GET /authorize", "POST /authorize" -> authorize(method, q);
      case "POST /token" -> token(q);
      case "GET /logout" -> logout(q);
      default -> Answer.json(404, Json.object().put("error", "not_found"));
    };
  }

  private Answer stylesheet() {
    try {
      return new Answer(200, Map.of("Content-Type", "text/css; charset=utf-8"), Files.readAllBytes(stylesheet));
    } catch (IOException e) {
      return new Answer(404, Map.of("Content-Type", "text/plain"), new byte[0]);
    }
  }

  private Answer page(int status, Map<String, List<String>> q, String error) {
    return new Answer(status, Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
        "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY",
        "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src data:; form-action 'self' " + siteOrigin
            + "; frame-ancestors 'none'; base-uri 'none'"),
        LocalSignInPage.html(issuer + "/authorize", siteOrigin, q, error).getBytes(StandardCharsets.UTF_8));
  }

  private Answer authorize(String method, Map<String, List<String>> q) {
    if (!CLIENT_ID.equals(one(q, "client_id")) || !redirectUri().equals(one(q, "redirect_uri"))) {
      // never redirect to an address that is not registered
      return page(400, q, "Okänd klient eller återadress (client_id, redirect_uri).");
    }
    if (!"code".equals(one(q, "response_type")) || !"S256".equals(one(q, "code_challenge_method"))
        || !CHALLENGE.matcher(String.valueOf(one(q, "code_challenge"))).matches()) {
      return back(Map.of("error", "invalid_request", "error_description", "response_type=code and PKCE S256 are required",
          "state", String.valueOf(orEmpty(one(q, "state")))));
    }
    if (method.equals("GET")) {
      return page(200, q, null);
    }
    if ("cancel".equals(one(q, "action"))) {
      return back(Map.of("error", "access_denied", "state", orEmpty(one(q, "state"))));
    }
    Person person = PERSONS.stream().filter(p -> p.sub().equals(one(q, "person"))).findFirst().orElse(null);
    if (person == null) {
      return page(400, q, "Välj en person.");
    }
    List<String> chosen = q.getOrDefault("roles", List.of()).stream().filter(ROLES::contains).distinct().toList();
    String code = random();
    codes.put(code, new Grant(CLIENT_ID, redirectUri(), one(q, "code_challenge"), one(q, "nonce"),
        one(q, "scope") == null ? "openid" : one(q, "scope"), person, chosen.isEmpty() ? person.roles() : chosen,
        Instant.now().plus(CODE_TTL)));
    return back(Map.of("code", code, "state", orEmpty(one(q, "state"))));
  }

  private Answer back(Map<String, String> params) {
    StringBuilder s = new StringBuilder(redirectUri());
    String sep = "?";
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(params).entrySet()) {
      s.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = "&";
    }
    return Answer.redirect(s.toString());
  }

  private static Answer refuse(String error, String description) {
    return Answer.json(400, Json.object().put("error", error).put("error_description", description));
  }

  private Answer token(Map<String, List<String>> q) {
    Grant g;
    String type = String.valueOf(one(q, "grant_type"));
    if (type.equals("authorization_code")) {
      g = codes.remove(orEmpty(one(q, "code"))); // one use, whatever comes of it
      if (g == null || g.expires().isBefore(Instant.now())) {
        return refuse("invalid_grant", "unknown, used or expired code");
      }
      if (!g.clientId().equals(one(q, "client_id")) || !g.redirectUri().equals(one(q, "redirect_uri"))) {
        return refuse("invalid_grant", "client_id or redirect_uri differ from the authorization request");
      }
      String verifier = orEmpty(one(q, "code_verifier"));
      if (!VERIFIER.matcher(verifier).matches() || !s256(verifier).equals(g.challenge())) {
        return refuse("invalid_grant", "PKCE verification failed");
      }
    } else if (type.equals("refresh_token")) {
      Grant r = refreshTokens.remove(orEmpty(one(q, "refresh_token"))); // rotating: each is used once
      if (r == null || r.expires().isBefore(Instant.now()) || !r.clientId().equals(one(q, "client_id"))) {
        return refuse("invalid_grant", "unknown, used or expired refresh token");
      }
      g = new Grant(r.clientId(), r.redirectUri(), null, null, r.scope(), r.person(), r.roles(), r.expires());
    } else {
      return refuse("unsupported_grant_type", "authorization_code or refresh_token");
    }
    Instant now = Instant.now();
    String access = jwt.mintAgency(g.person().sub(), orgnr, g.roles(), g.person().name(), ACCESS_TTL);
    JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(issuer).audience(g.clientId()).subject(g.person().sub())
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ACCESS_TTL))).claim("auth_time", now.getEpochSecond())
        .claim("name", g.person().name()).claim("orgnr", orgnr).claim("roles", String.join(" ", g.roles()));
    if (g.nonce() != null) {
      id.claim("nonce", g.nonce());
    }
    String refresh = random();
    refreshTokens.put(refresh, new Grant(g.clientId(), g.redirectUri(), null, null, g.scope(), g.person(), g.roles(),
        now.plus(REFRESH_TTL)));
    return Answer.json(200, Json.object().put("access_token", access).put("token_type", "Bearer")
        .put("expires_in", ACCESS_TTL.toSeconds()).put("id_token", jwt.sign(id.build())).put("refresh_token", refresh)
        .put("scope", g.scope()));
  }

  private Answer logout(Map<String, List<String>> q) {
    String target = one(q, "post_logout_redirect_uri");
    if (CLIENT_ID.equals(one(q, "client_id")) && target != null && target.startsWith(redirectUri())) {
      return Answer.redirect(target); // nothing to forget: the provider keeps no session
    }
    return new Answer(400, Map.of("Content-Type", "text/plain; charset=utf-8"),
        "Okänd klient eller återadress.".getBytes(StandardCharsets.UTF_8));
  }

  static String s256(String verifier) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String one(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** {@code a=1&b=2&b=3} (query or form body) as lists per name. */
  static Map<String, List<String>> form(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }
}
