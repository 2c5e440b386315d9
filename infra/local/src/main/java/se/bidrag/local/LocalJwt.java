package se.bidrag.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The e-service's identity provider, locally: an RSA key (kept in {@code .bidrag/local-jwt-key.json}
 * so that {@code ./bidrag token} and {@code ./bidrag serve} agree), tokens signed with it, and the
 * verification the HTTP API's JWT authorizer does on AWS: RS256 signature against the JWKS,
 * issuer, audience, expiry (wall-clock time, as API Gateway judges it).
 */
public final class LocalJwt {
  public static final String ISSUER = "urn:bidrag:local-issuer";
  public static final String AUDIENCE = "bidrag";

  private final RSAKey key;
  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  private LocalJwt(RSAKey key) {
    this.key = key;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
        new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()))));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(AUDIENCE,
        new JWTClaimsSet.Builder().issuer(ISSUER).build(), new HashSet<>(List.of("sub", "exp", "iat"))));
  }

  public static LocalJwt ephemeral() {
    return new LocalJwt(generate());
  }

  /** The project's local key, created on first use. */
  public static LocalJwt forProject(Path root) {
    Path file = root.resolve(".bidrag/local-jwt-key.json");
    try {
      if (Files.isRegularFile(file)) {
        return new LocalJwt(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
      }
      RSAKey key = generate();
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
      Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        Files.deleteIfExists(tmp);
      }
      return new LocalJwt(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ParseException e) {
      throw new IllegalStateException(file + " is not a JWK; delete it to get a new local key", e);
    }
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("bidrag-local-" + UUID.randomUUID())
          .algorithm(JWSAlgorithm.RS256).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public keys, as the JWKS endpoint serves them. */
  public String jwks() {
    return new JWKSet(key.toPublicJWK()).toString();
  }

  /** A token as the e-service would send it. */
  public String mint(String subject, String orgnr, String role, String name, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString()).claim("role", role);
    if (orgnr != null) {
      claims.claim("orgnr", orgnr);
    }
    if (name != null) {
      claims.claim("name", name);
    }
    return sign(claims.build());
  }

  /**
   * A token of the agency's identity provider: the agency's people carry their roles as a list claim
   * ({@code roles}: handlaggare, attestant or both) and the agency scope the agency's routes require.
   */
  public String mintAgency(String subject, String orgnr, List<String> roles, String name, Duration ttl) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(subject)
        .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString()).claim("roles", List.copyOf(roles)).claim("orgnr", orgnr)
        .claim("scope", se.bidrag.access.Access.AGENCY_SCOPE);
    if (name != null) {
      claims.claim("name", name);
    }
    return sign(claims.build());
  }

  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
          .type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Thrown when a token is missing or does not verify. */
  public static final class Unauthorized extends Exception {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message) {
      super(message);
    }
  }

  /** The verified token's claims, as API Gateway passes them to the function (all as strings). */
  public Map<String, String> verify(String authorizationHeader) throws Unauthorized {
    if (authorizationHeader == null || authorizationHeader.isBlank()) {
      throw new Unauthorized("no Authorization header");
    }
    String token = authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorizationHeader.substring(7).trim() : authorizationHeader.trim();
    try {
      JWTClaimsSet claims = processor.process(token, null);
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : claims.getClaims().entrySet()) {
        Object v = e.getValue();
        if (v instanceof Date d) {
          out.put(e.getKey(), Long.toString(d.toInstant().getEpochSecond()));
        } else if (v instanceof List<?> l) {
          out.put(e.getKey(), "[" + String.join(" ", l.stream().map(String::valueOf).toList()) + "]");
        } else {
          out.put(e.getKey(), String.valueOf(v));
        }
      }
      return out;
    } catch (ParseException | BadJOSEException | JOSEException e) {
      throw new Unauthorized(e.getMessage());
    }
  }

  /** The token's scopes as API Gateway reads them: the {@code scope} or {@code scp} claim, space-separated or a list. */
  static List<String> scopes(Map<String, String> claims) {
    List<String> out = new java.util.ArrayList<>();
    for (String name : List.of("scope", "scp")) {
      String v = claims.get(name);
      if (v == null) {
        continue;
      }
      v = v.strip();
      if (v.startsWith("[") && v.endsWith("]")) {
        v = v.substring(1, v.length() - 1);
      }
      for (String s : v.split("[\\s,]+")) {
        if (!s.isBlank()) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
