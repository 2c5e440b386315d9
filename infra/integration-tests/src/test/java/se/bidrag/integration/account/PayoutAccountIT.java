package se.bidrag.integration.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.Mailbox;
import se.bidrag.testkit.LocalStackExtension;

/**
 * Where the money goes: the ombud registers the organisation's bankgiro, shown masked; it takes effect
 * only when an agency attestant approves the change, and the registry mailbox is told from what to what
 * (masked); until then the organisation is not paid, is listed as such, and its ombud is reminded; the
 * payment file pays every order to the approved bankgiro.
 */
@ExtendWith(LocalStackExtension.class)
class PayoutAccountIT {
  static final String R = "kommun-0114";
  static final String G = "/grants/" + Scenario.GRANT;
  Scenario s;
  String orgnr;
  String ombud;

  @BeforeEach
  void requisitioned(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
    orgnr = s.orgnr(R);
    ombud = s.ombud(orgnr);
    var body = s.form(s.allocation(R).path("total").asLong(), false, 1);
    body.put("registryEmail", "registrator@" + R + ".example.se");
    assertEquals(201, s.put(R, ombud, body, Map.of()).status());
    runtime.emulators().mailbox().clear();
  }

  String path() {
    return "/organisations/" + orgnr + "/payout-account";
  }

  Http.Response request(String token, String bankgiro) {
    return s.http.send("PUT", path(), token, Json.write(Json.object().put("bankgiro", bankgiro)), Map.of());
  }

  Http.Response decide(String action, String token, long version) {
    return s.http.send("POST", path() + "/" + action, token,
        action.equals("reject") ? Json.write(Json.object().put("reason", "Kontot tillhör inte kommunen.")) : null,
        Map.of("If-Match", "\"" + version + "\""));
  }

  @Test
  void aChangeTakesEffectOnlyWhenAnAttestantApprovesItAndThePaymentFileCarriesTheApprovedBankgiro() {
    Http.Response put = request(ombud, "5050-1055");
    assertEquals(202, put.status(), put.body());
    assertEquals("awaiting-attestation", put.json().path("status").asText());
    assertEquals("\u2022\u2022\u2022-1055", put.json().path("pending").path("bankgiro").asText(), "masked");
    assertFalse(put.body().contains("50501055") || put.body().contains("5050-1055"), put.body());
    assertTrue(put.json().path("approved").isNull(), "nothing in effect yet");

    // not yet in effect: the payout leaves the organisation out, lists it, and reminds its ombud
    JsonNode run = s.runPayout();
    assertEquals(0, run.path("ordered").asInt());
    assertEquals(1, run.path("skipped").asInt());
    JsonNode payments = s.http.get(G + "/payments", s.handlaggare).json();
    assertEquals(R, payments.path("withoutAccount").get(0).path("recipientId").asText());
    assertEquals("no-approved-payout-account", payments.path("withoutAccount").get(0).path("status").asText());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    List<Mailbox.Mail> reminders = s.runtime.emulators().mailbox().all();
    assertEquals(1, reminders.size());
    assertEquals(List.of("ombud@" + orgnr + ".example.se"), reminders.get(0).to(), "to the ombud's address");
    assertTrue(reminders.get(0).text().contains("inget godkänt utbetalningskonto"), reminders.get(0).text());
    s.runPayout();
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(1, s.runtime.emulators().mailbox().all().size(), "one reminder per organisation and grant");
    s.runtime.emulators().mailbox().clear();

    // the ombud cannot approve; the attestant approves the version seen
    long version = put.json().path("version").asLong();
    JsonNode seen = s.http.get("/organisations/" + orgnr + "/payout-account", s.attestant).json();
    assertEquals("5050-1055", seen.path("pending").path("bankgiroInFull").asText(),
        "the attestant sees the whole number before approving it");
    assertTrue(s.http.get("/organisations/" + orgnr + "/payout-account", ombud).json().path("pending")
        .path("bankgiroInFull").isMissingNode(), "the e-service sees it masked only");
    assertEquals(403, decide("approve", ombud, version).status());
    assertEquals(412, decide("approve", s.attestant, version + 7).status(), "a version not seen");
    Http.Response ok = decide("approve", s.attestant, version);
    assertEquals(200, ok.status(), ok.body());
    assertEquals("\u2022\u2022\u2022-1055", ok.json().path("approved").path("bankgiro").asText());
    assertEquals(200, decide("approve", s.attestant, version).status(), "asked again: answered, nothing changes");
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    List<Mailbox.Mail> notice = s.runtime.emulators().mailbox().all();
    assertEquals(1, notice.size(), "one notice, even when approved twice");
    assertEquals(List.of("registrator@" + R + ".example.se"), notice.get(0).to(), "to the registry mailbox");
    assertTrue(notice.get(0).text().contains("från inget registrerat konto till bankgiro \u2022\u2022\u2022-1055"),
        notice.get(0).text());
    assertFalse(notice.get(0).text().contains("5050-1055") || notice.get(0).text().contains("50501055"));

    // a second change: from what to what
    String second = Scenario.bankgiro(orgnr);
    JsonNode changed = request(ombud, second).json();
    assertEquals(409, request(ombud, "991-2346").status(), "one change awaits attestation at a time");
    assertEquals(200, request(ombud, second).status(), "the same request again changes nothing");
    s.runtime.emulators().mailbox().clear();
    assertEquals(200, decide("approve", s.attestant, changed.path("version").asLong()).status());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    String text = s.runtime.emulators().mailbox().all().get(0).text();
    assertTrue(text.contains("från bankgiro \u2022\u2022\u2022-1055 till bankgiro \u2022\u2022\u2022-"
        + second.substring(4)), text);

    // now the organisation is paid, to the approved bankgiro
    JsonNode paid = s.runPayout();
    assertEquals(1, paid.path("ordered").asInt());
    s.approveBatches();
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    JsonNode file = s.http.get(G + "/payment-files", s.handlaggare).json().path("files").get(0);
    String xml = s.http.get(file.path("href").asText(), s.handlaggare).body();
    assertTrue(xml.contains("<CdtrAcct><Id><Othr><Id>" + second + "</Id><SchmeNm><Prtry>BGNR</Prtry>"), xml);
    assertEquals(List.of("payout-account.change-requested", "payout-account.change-approved",
        "payout-account.change-requested", "payout-account.change-approved"),
        s.audit("organisation/" + orgnr + "/payout-account").stream().map(i -> i.get("action").s()).toList());
  }

  @Test
  void badNumbersAndTheWrongPeopleAreRefusedAndChangeNothing() {
    String other = s.orgnr("kommun-0180");
    String otherOmbud = s.ombud(other);
    var before = s.snapshot();
    Http.Response bad = request(ombud, "5050-1056");
    assertEquals(422, bad.status());
    assertEquals("bankgiro", bad.json().path("errors").get(0).path("field").asText());
    assertEquals(422, request(ombud, "123").status());
    Http.Response foreign = request(otherOmbud, "5050-1055");
    assertEquals(403, foreign.status());
    assertFalse(foreign.json().path("detail").asText().contains(orgnr), "no refusal's text names another "
        + "organisation's number: " + foreign.body());
    assertEquals(403, request(s.handlaggare, "5050-1055").status(), "the agency does not register accounts");
    assertEquals(403, request(s.token("rep-x", orgnr, "representant"), "5050-1055").status());
    Scenario.assertUnchanged(before, s.snapshot(), "refusals");

    long version = request(ombud, "5050-1055").json().path("version").asLong();
    Http.Response rejected = decide("reject", s.attestant, version);
    assertEquals(200, rejected.status(), rejected.body());
    assertTrue(rejected.json().path("approved").isNull() && rejected.json().path("pending").isNull(), rejected.body());
    assertEquals(409, decide("approve", s.attestant, version + 1).status(), "nothing awaits attestation");
    assertEquals(200, s.http.get(path(), ombud).status(), "the organisation reads its account");
    assertEquals(403, s.http.get(path(), otherOmbud).status());
  }
}
