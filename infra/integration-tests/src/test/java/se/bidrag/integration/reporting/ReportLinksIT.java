package se.bidrag.integration.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.Mailbox;
import se.bidrag.reporting.LinkKeys;
import se.bidrag.testkit.LocalStackExtension;

/**
 * The personal links beyond the first mail: the agency revokes one (refused, a new one to the registry
 * works), a new link asked for from the page (to the registry on file, rate-limited), key rotation
 * (the previous key still verifies, a retired one does not), and the receipts (once each).
 */
@ExtendWith(LocalStackExtension.class)
class ReportLinksIT {
  static final String R = "kommun-0114";
  static final String REGISTRY = ReportingSteps.registry(R);
  ReportingSteps steps;
  Scenario s;
  String token;

  @BeforeEach
  void linksSent(LocalRuntime runtime) {
    steps = new ReportingSteps(runtime);
    s = steps.s;
    token = steps.dispatch().get(R);
  }

  Http.Response revoke(String recipientId, String caller) {
    return s.http.post("/grants/" + Scenario.GRANT + "/reports/" + recipientId + "/link-revocations", caller, null);
  }

  Http.Response askForLink(String oldToken) {
    return s.http.post("/reports/link-requests", oldToken, null);
  }

  List<Mailbox.Mail> mailTo(String address) {
    return s.runtime.emulators().mailbox().all().stream().filter(m -> m.to().contains(address)).toList();
  }

  @Test
  void theAgencyResendsALinkToTheRegistryAndTheOldOneStillWorksButNotToASuppressedAddress() {
    String path = "/grants/" + Scenario.GRANT + "/reports/" + R + "/link-resends";
    assertEquals(403, s.http.post(path, s.ombud(s.orgnr(R)), null).status(), "only the agency resends");
    Http.Response sent = s.http.post(path, s.handlaggare, null);
    assertEquals(202, sent.status(), sent.body());
    assertEquals("r\u2022\u2022\u2022@" + R + ".example.se", sent.json().path("sentTo").asText());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    String fresh = steps.newestLinkTo(REGISTRY);
    assertNotEquals(token, fresh);
    assertEquals(200, steps.form(fresh).status());
    assertEquals(200, steps.form(token).status(), "a resend revokes nothing");
    assertEquals("report-link.resent", s.audit("report-link/" + Scenario.GRANT + "/" + R).get(0).get("action").s());

    var event = se.bidrag.json.Json.object().put("eventType", "Bounce");
    var bounce = event.putObject("bounce").put("bounceType", "Permanent").put("bounceSubType", "General");
    bounce.putArray("bouncedRecipients").addObject().put("emailAddress", REGISTRY);
    event.putObject("mail").put("messageId", "ses-message-resend");
    s.runtime.platform().sqs().sendMessage(m -> m.queueUrl(s.runtime.queueUrl("SesEventQueue"))
        .messageBody(se.bidrag.json.Json.write(event)));
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    var before = s.snapshot();
    Http.Response refused = s.http.post(path, s.handlaggare, null);
    assertEquals(409, refused.status(), refused.body());
    assertTrue(refused.json().path("type").asText().endsWith("address-suppressed"), refused.body());
    Scenario.assertUnchanged(before, s.snapshot(), "a refused resend");
  }

  @Test
  void aRevokedLinkIsRefusedAndTheNewOneSentToTheRegistryWorks() {
    assertEquals(403, revoke(R, s.ombud(s.orgnr(R))).status(), "only the agency revokes");
    var before = s.snapshot();
    assertEquals(403, revoke(R, s.ombud(s.orgnr(R))).status());
    Scenario.assertUnchanged(before, s.snapshot(), "a refused revocation");
    assertEquals(404, revoke("kommun-0180", s.handlaggare).status(), "a recipient that received nothing");

    Http.Response revoked = revoke(R, s.handlaggare);
    assertEquals(202, revoked.status(), revoked.body());
    assertEquals("r\u2022\u2022\u2022@" + R + ".example.se", revoked.json().path("sentTo").asText());
    Http.Response old = steps.form(token);
    assertEquals(401, old.status());
    assertEquals("revoked", old.json().path("reason").asText());
    assertEquals(401, steps.submit(token, ReportingSteps.report(R, steps.received(R), 0)).status());

    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Mailbox.Mail mail = mailTo(REGISTRY).get(mailTo(REGISTRY).size() - 1);
    assertTrue(mail.text().contains("spärrat den tidigare länken"), mail.text());
    String fresh = steps.newestLinkTo(REGISTRY);
    assertNotEquals(token, fresh);
    assertEquals(200, steps.form(fresh).status());
    assertEquals(201, steps.submit(fresh, ReportingSteps.report(R, steps.received(R), 0)).status());
    assertEquals("report-link.revoked", s.audit("report-link/" + Scenario.GRANT + "/" + R).get(0).get("action").s());
  }

  @Test
  void aNewLinkGoesToTheRegistryOnFileOncePerTenMinutesAndFiveADay() {
    s.runtime.clock().set(Instant.parse("2026-07-10T08:00:00Z")); // the link has expired: its owner asks for a new one
    assertEquals("expired", steps.form(token).json().path("reason").asText());
    Http.Response sent = askForLink(token);
    assertEquals(202, sent.status(), sent.body());
    assertEquals("r\u2022\u2022\u2022@" + R + ".example.se", sent.json().path("sentTo").asText());
    Http.Response again = askForLink(token);
    assertEquals(429, again.status());
    assertEquals("urn:bidrag:problem:rate-limited", again.json().path("type").asText());
    int wait = Integer.parseInt(again.header("Retry-After"));
    assertTrue(wait > 0 && wait <= 600, "Retry-After " + wait);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(1, mailTo(REGISTRY).stream().filter(m -> m.subject().startsWith("Ny länk")).count(), "one mail");
    String fresh = steps.newestLinkTo(REGISTRY);
    assertEquals(200, steps.form(fresh).status(), "the new link works after the old one's expiry (late report)");
    assertTrue(steps.form(fresh).json().path("late").asBoolean());

    for (int i = 2; i <= 5; i++) {
      s.runtime.clock().set(s.runtime.clock().instant().plus(Duration.ofMinutes(11)));
      assertEquals(202, askForLink(token).status(), "request " + i);
    }
    s.runtime.clock().set(s.runtime.clock().instant().plus(Duration.ofMinutes(11)));
    Http.Response sixth = askForLink(token);
    assertEquals(429, sixth.status(), "the sixth the same day");
    s.runtime.clock().set(Instant.parse("2026-07-11T06:00:00Z"));
    assertEquals(202, askForLink(token).status(), "a new day");

    // a tampered token still names its recipient: the mail goes to that recipient's registry, nowhere else
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    s.runtime.clock().set(s.runtime.clock().instant().plus(Duration.ofMinutes(11)));
    assertEquals(202, askForLink(tampered).status());
    assertEquals(401, askForLink("not-a-token").status());
    assertEquals(401, askForLink(s.ombud(s.orgnr(R))).status(), "an e-service token is no report link");
    assertEquals(401, s.http.post("/reports/link-requests", null, null).status());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertTrue(s.runtime.emulators().mailbox().all().stream().allMatch(m -> m.to().get(0).startsWith("registrator@")),
        "new links only ever go to registry addresses on file");
  }

  @Test
  void aLinkSignedWithThePreviousKeyWorksDuringRotationAndOneWithARetiredKeyDoesNot() {
    String first = s.runtime.secrets().value("ReportTokenSecret");
    assertTrue(first.startsWith("{\"kid\":\"k1\",\"key\":\""), "generated as the template says");
    assertEquals("k1", kid(token));
    rotate("k2");
    assertEquals(200, steps.form(token).status(), "signed with the previous key: still valid");
    // a link sent now is signed with the new key
    assertEquals(202, revoke("kommun-0115", s.handlaggare).status());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    String byK2 = steps.newestLinkTo(ReportingSteps.registry("kommun-0115"));
    assertEquals("k2", kid(byK2));
    assertEquals(200, steps.form(byK2).status());

    rotate("k3");
    Http.Response retired = steps.form(token);
    assertEquals(401, retired.status(), "k1 is retired");
    assertEquals("invalid", retired.json().path("reason").asText());
    assertEquals(200, steps.form(byK2).status(), "k2 is the previous key now");
    assertEquals(202, askForLink(token).status(), "a retired key's link can still ask for a new one");
  }

  void rotate(String kid) {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    s.runtime.secrets().put("ReportTokenSecret", LinkKeys.rotated(s.runtime.secrets().value("ReportTokenSecret"), kid, key));
    s.runtime.reinitialise("ReportApiFunction", "ReportingJobFunction"); // new environments fetch the keys at init
  }

  static String kid(String token) {
    return se.bidrag.json.Json.parse(new java.io.ByteArrayInputStream(Base64.getUrlDecoder()
        .decode(token.split("\\.")[0]))).path("kid").asText();
  }

  @Test
  void eachReportVersionGetsOneReceiptToTheReporterAndOneToTheRegistry() {
    long received = steps.received(R);
    assertEquals(201, steps.submit(token, ReportingSteps.report(R, received - 5_000, 5_000)).status());
    assertEquals(200, steps.submit(token, ReportingSteps.report(R, received - 5_000, 5_000)).status(), "the same again");
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    List<Mailbox.Mail> toReporter = mailTo("rapport@" + R + ".example.se");
    List<Mailbox.Mail> toRegistry = mailTo(REGISTRY).stream().filter(m -> m.subject().startsWith("Kvittens")).toList();
    assertEquals(1, toReporter.size(), "one receipt to the reporter, though the report was sent twice");
    assertEquals(1, toRegistry.size());
    String text = toReporter.get(0).text();
    assertTrue(text.contains("Referens: AR-" + Scenario.GRANT + "-" + R + "-v1"), text);
    assertTrue(text.contains("Ej förbrukade medel: 5\u00a0000 kr"), text);
    assertTrue(text.contains("Socialstyrelsen skickar en faktura"), text);
    assertTrue(text.contains("Särredovisat: ja"), text);

    assertEquals(200, steps.submit(token, ReportingSteps.report(R, received, 0)).status(), "a correction");
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    List<Mailbox.Mail> now = mailTo("rapport@" + R + ".example.se");
    assertEquals(2, now.size());
    assertTrue(now.get(1).text().contains("ersätter den tidigare återrapporten"), now.get(1).text());
    assertTrue(!now.get(1).text().contains("faktura till registraturen"), "nothing unspent: no invoice announced");
    assertEquals(Map.of(), s.runtime.queueDepths().entrySet().stream().filter(e -> e.getKey().contains("Dead"))
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    assertTrue(new String(toReporter.get(0).subject().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .startsWith("Kvittens AR-"));
  }
}
