package se.bidrag.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReportTokenTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-local-test-key";
  final ReportToken tokens = new ReportToken(SECRET);
  final Instant now = Instant.parse("2026-02-02T06:00:00Z");
  final Instant expires = Instant.parse("2026-07-02T22:00:00Z");

  @Test
  void aMintedTokenNamesTheGrantAndRecipient() throws Exception {
    ReportToken.Claims c = tokens.verify(tokens.mint("god-och-nara-vard-2025", "kommun-0114", now, expires), now);
    assertEquals("god-och-nara-vard-2025", c.grantId());
    assertEquals("kommun-0114", c.recipientId());
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = tokens.mint("god-och-nara-vard-2025", "kommun-0114", now, expires);
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("kommun-0114", "kommun-0180");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(forged, now));
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(token.substring(0, token.length() - 2) + "xx", now));
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = tokens.mint("god-och-nara-vard-2025", "kommun-0114", now, expires);
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(token, expires));
  }

  @Test
  void aTokenFromAnotherKeyOrWithoutSignatureIsRefused() {
    String other = new ReportToken("another-key-another-key-another-key-42").mint("g", "kommun-0114", now, expires);
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(other, now));
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"iss\":\"bidrag\",\"aud\":\"report-form\",\"sub\":\"kommun-0114\",\"grant\":\"g\",\"exp\":9999999999}"
            .getBytes(StandardCharsets.UTF_8));
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(header + "." + body + ".", now));
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify("", now));
  }

  @Test
  void aShortKeyIsRefusedAtStart() {
    assertThrows(IllegalStateException.class, () -> new ReportToken("too-short"));
  }
}
