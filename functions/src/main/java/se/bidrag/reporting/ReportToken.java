package se.bidrag.reporting;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * The personal link to the reporting form: an HS256-signed token (HMAC-SHA256, a key of at least
 * 256 bits from configuration) bound to the grant and the recipient, with a random id (unguessable)
 * and an expiry, judged on the service's clock.
 */
public final class ReportToken {
  static final String ISSUER = "bidrag";
  static final String AUDIENCE = "report-form";

  private final byte[] secret;

  public ReportToken(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    if (this.secret.length < 32) {
      throw new IllegalStateException("REPORT_TOKEN_SECRET must be at least 32 bytes (256 bits)");
    }
  }

  /** What a valid token says. */
  public record Claims(String grantId, String recipientId, Instant expiresAt) {}

  /** A token that is not valid (tampered, expired, for something else). */
  public static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message);
    }
  }

  public String mint(String grantId, String recipientId, Instant issuedAt, Instant expiresAt) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject(recipientId)
        .claim("grant", grantId).issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString()).build();
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public Claims verify(String token, Instant now) throws Invalid {
    if (token == null || token.isBlank()) {
      throw new Invalid("no token");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
        throw new Invalid("the token's signature is not valid");
      }
      JWTClaimsSet c = jwt.getJWTClaimsSet();
      if (!ISSUER.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(AUDIENCE)) {
        throw new Invalid("the token is not a reporting-form token");
      }
      if (c.getExpirationTime() == null || !now.isBefore(c.getExpirationTime().toInstant())) {
        throw new Invalid("the link has expired");
      }
      Object grant = c.getClaim("grant");
      if (!(grant instanceof String g) || c.getSubject() == null) {
        throw new Invalid("the token names no grant or recipient");
      }
      return new Claims(g, c.getSubject(), c.getExpirationTime().toInstant());
    } catch (ParseException | JOSEException e) {
      throw new Invalid("the token is not readable");
    }
  }
}
