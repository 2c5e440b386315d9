package se.bidrag.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReportTokenTest {
  static final byte[] K1 = "0123456789abcdef0123456789abcdef-local-test-key-1".getBytes(StandardCharsets.UTF_8);
  static final byte[] K2 = "0123456789abcdef0123456789abcdef-local-test-key-2".getBytes(StandardCharsets.UTF_8);
  static final byte[] K3 = "0123456789abcdef0123456789abcdef-local-test-key-3".getBytes(StandardCharsets.UTF_8);
  final String secretV1 = LinkKeys.initial("k1", K1);
  final ReportToken tokens = new ReportToken(LinkKeys.parse(secretV1));
  final Instant now = Instant.parse("2026-02-02T06:00:00Z");
  final Instant expires = Instant.parse("2026-07-02T22:00:00Z");

  String mint(ReportToken t, String recipient) {
    return t.mint("god-och-nara-vard-2025", recipient, 0, now, expires);
  }

  @Test
  void aMintedTokenNamesTheGrantRecipientGenerationAndKey() throws Exception {
    String token = tokens.mint("god-och-nara-vard-2025", "kommun-0114", 3, now, expires);
    ReportToken.Claims c = tokens.verify(token, now);
    assertEquals("god-och-nara-vard-2025", c.grantId());
    assertEquals("kommun-0114", c.recipientId());
    assertEquals(3, c.generation());
    String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    assertTrue(header.contains("\"kid\":\"k1\""), header);
  }

  @Test
  void aTamperedTokenIsRefusedAsInvalidButItsClaimsCanStillBeRead() {
    String token = mint(tokens, "kommun-0114");
    String[] parts = token.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("kommun-0114", "kommun-0180");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    assertEquals(ReportToken.Reason.INVALID, assertThrows(ReportToken.Invalid.class, () -> tokens.verify(forged, now)).reason());
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(token.substring(0, token.length() - 2) + "xx", now));
    assertEquals("kommun-0180", tokens.unverified(forged).orElseThrow().recipientId());
    assertTrue(tokens.unverified("not.a.token").isEmpty());
  }

  @Test
  void anExpiredTokenIsRefusedAsExpiredYetItsSignatureStillCounts() throws Exception {
    String token = mint(tokens, "kommun-0114");
    assertEquals(ReportToken.Reason.EXPIRED, assertThrows(ReportToken.Invalid.class, () -> tokens.verify(token, expires)).reason());
    assertEquals("kommun-0114", tokens.signed(token).recipientId());
  }

  @Test
  void rotationKeepsThePreviousKeyValidAndRetiresTheOneBefore() throws Exception {
    String byK1 = mint(tokens, "kommun-0114");
    String secretV2 = LinkKeys.rotated(secretV1, "k2", K2);
    ReportToken v2 = new ReportToken(LinkKeys.parse(secretV2));
    String byK2 = mint(v2, "kommun-0114");
    assertTrue(new String(Base64.getUrlDecoder().decode(byK2.split("\\.")[0]), StandardCharsets.UTF_8).contains("\"kid\":\"k2\""));
    assertEquals("kommun-0114", v2.verify(byK1, now).recipientId(), "signed with the previous key: still valid");
    assertEquals("kommun-0114", v2.verify(byK2, now).recipientId());
    ReportToken v3 = new ReportToken(LinkKeys.parse(LinkKeys.rotated(secretV2, "k3", K3)));
    assertEquals(ReportToken.Reason.INVALID, assertThrows(ReportToken.Invalid.class, () -> v3.verify(byK1, now)).reason(),
        "k1 is retired");
    assertEquals("kommun-0114", v3.verify(byK2, now).recipientId());
  }

  @Test
  void aTokenFromAnotherKeyWithTheSameIdOrWithoutSignatureIsRefused() {
    String other = mint(new ReportToken(LinkKeys.parse(LinkKeys.initial("k1", K2))), "kommun-0114");
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(other, now));
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"iss\":\"bidrag\",\"aud\":\"report-form\",\"sub\":\"kommun-0114\",\"grant\":\"g\",\"exp\":9999999999}"
            .getBytes(StandardCharsets.UTF_8));
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify(header + "." + body + ".", now));
    assertThrows(ReportToken.Invalid.class, () -> tokens.verify("", now));
  }

  @Test
  void malformedKeySecretsAreRefusedAtStartWithoutShowingTheKey() {
    assertThrows(IllegalStateException.class, () -> LinkKeys.parse(LinkKeys.initial("k1", new byte[16])));
    assertThrows(IllegalStateException.class, () -> LinkKeys.parse("{\"kid\": \"k1\", \"key\": \"***\"}"));
    assertThrows(IllegalStateException.class, () -> LinkKeys.parse("{\"kid\": \"a b\", \"key\": \"" + "A".repeat(64) + "\"}"));
    assertThrows(IllegalStateException.class, () -> LinkKeys.parse("not json"));
    IllegalStateException same = assertThrows(IllegalStateException.class, () -> LinkKeys.parse(
        "{\"kid\": \"k1\", \"key\": \"" + "A".repeat(64) + "\", \"previous\": {\"kid\": \"k1\", \"key\": \"" + "B".repeat(64) + "\"}}"));
    assertFalse(same.getMessage().contains("AAAA"));
    // what CloudFormation generates: 64 letters and digits, read as base64 (48 bytes)
    LinkKeys generated = LinkKeys.parse("{\"kid\":\"k1\",\"key\":\"" + "aB3".repeat(21) + "x\"}");
    assertEquals(48, generated.current().secret().length);
    assertFalse(generated.toString().contains("aB3"));
  }
}
