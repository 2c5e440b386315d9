package se.bidrag.reporting;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The personal link to the reporting form: an HS256-signed token (HMAC-SHA256) bound to the grant and
 * the recipient, with the signing key's id ({@code kid}) in its header, a random id, the recipient's
 * link generation ({@code gen}: a revocation raises it, which retires every older link) and an expiry,
 * judged on the service's clock. Keys come from {@link LinkKeys}: links signed with the current or the
 * previous key verify; a retired key's do not.
 */
public final class ReportToken {
  static final String ISSUER = "bidrag";
  static final String AUDIENCE = "report-form";

  private final LinkKeys keys;

  public ReportToken(LinkKeys keys) {
    this.keys = keys;
  }

  /** What a valid token says. */
  public record Claims(String grantId, String recipientId, long generation, Instant expiresAt) {}

  /** Why a link is refused: the page tells the three apart. */
  public enum Reason {
    EXPIRED, REVOKED, INVALID;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A token that is not valid (tampered, signed with a retired key, expired, revoked, for something else). */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    Invalid(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  public String mint(String grantId, String recipientId, long generation, Instant issuedAt, Instant expiresAt) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(recipientId)
        .claim("grant", grantId).claim("gen", generation).issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString()).build();
    LinkKeys.Key key = keys.current();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(), claims);
      jwt.sign(new MACSigner(key.secret()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token's claims if its signature is valid with a key still in use and it has not expired. */
  public Claims verify(String token, Instant now) throws Invalid {
    Claims c = signed(token);
    if (!now.isBefore(c.expiresAt())) {
      throw new Invalid(Reason.EXPIRED, "the link has expired");
    }
    return c;
  }

  /** The claims of a token whose signature is valid, expired or not (asking for a new link). */
  public Claims signed(String token) throws Invalid {
    if (token == null || token.isBlank()) {
      throw new Invalid(Reason.INVALID, "no token");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
        throw new Invalid(Reason.INVALID, "the token is not a reporting-form token");
      }
      Optional<LinkKeys.Key> key = keys.find(jwt.getHeader().getKeyID());
      if (key.isEmpty()) {
        throw new Invalid(Reason.INVALID, "the token was signed with a key that is no longer in use");
      }
      if (!jwt.verify(new MACVerifier(key.get().secret()))) {
        throw new Invalid(Reason.INVALID, "the token's signature is not valid");
      }
      return claims(jwt.getJWTClaimsSet());
    } catch (ParseException | JOSEException e) {
      throw new Invalid(Reason.INVALID, "the token is not readable");
    }
  }

  /**
   * What a token claims without checking its signature: only to find whose registry address a new
   * link goes to (the address on file, never one from the request), so trusting it costs at most a
   * rate-limited mail to the right registry.
   */
  public Optional<Claims> unverified(String token) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      return Optional.empty();
    }
    try {
      return Optional.of(claims(SignedJWT.parse(token).getJWTClaimsSet()));
    } catch (ParseException | Invalid | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Claims claims(JWTClaimsSet c) throws Invalid {
    if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(AUDIENCE)) {
      throw new Invalid(Reason.INVALID, "the token is not a reporting-form token");
    }
    Object grant = c.getClaim("grant");
    Object gen = c.getClaim("gen");
    if (!(grant instanceof String g) || c.getSubject() == null || c.getExpirationTime() == null) {
      throw new Invalid(Reason.INVALID, "the token names no grant or recipient");
    }
    long generation = gen instanceof Number n ? n.longValue() : 0;
    return new Claims(g, c.getSubject(), generation, c.getExpirationTime().toInstant());
  }
}
