package se.bidrag.integration.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;

/**
 * Four eyes on payouts: a batch reaches the bank only when an attestant who did not propose it
 * approves it (one payment file, naming the approval, every order to its approved bankgiro); a
 * rejection releases nothing and leaves the money unpaid, to be proposed again; the proposer, whatever
 * roles they hold, cannot decide; of a concurrent approval and rejection exactly one takes effect.
 */
@ExtendWith(LocalStackExtension.class)
class AttestationIT {
  static final List<String> RECIPIENTS = List.of("kommun-0114", "kommun-0115", "region-09", "kommun-0980");
  static final String G = "/grants/" + Scenario.GRANT;
  Scenario s;
  /** A person who holds both agency roles. */
  String chef;
  /** A second attestant. */
  String attestant2;

  @BeforeEach
  void requisitionsAndAccounts(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
    for (String r : RECIPIENTS) {
      s.requisition(r, s.allocation(r).path("total").asLong(), true);
      s.account(s.orgnr(r));
    }
    chef = runtime.jwt().mintAgency("chef-1", Scenario.AGENCY, List.of("handlaggare", "attestant"), "Chef",
        Duration.ofHours(1));
    attestant2 = runtime.jwt().mintAgency("attestant-2", Scenario.AGENCY, List.of("attestant"), "Attestant Två",
        Duration.ofHours(1));
  }

  long total() {
    return RECIPIENTS.stream().mapToLong(r -> s.allocation(r).path("total").asLong()).sum();
  }

  Http.Response decide(String batchId, String action, String token) {
    return s.http.send("POST", G + "/payout-batches/" + batchId + "/" + action, token,
        action.equals("reject") ? Json.write(Json.object().put("reason", "Underlaget stämmer inte med beslutet.")) : null,
        Map.of());
  }

  JsonNode files() {
    return s.http.get(G + "/payment-files", s.handlaggare).json().path("files");
  }

  @Test
  void theProposerCannotApproveOrRejectTheirOwnBatchWhateverRolesTheyHold() {
    JsonNode run = s.http.post(G + "/payouts:run", chef, null).json();
    String batch = run.path("runId").asText();
    assertEquals(RECIPIENTS.size(), run.path("ordered").asInt());
    var before = s.snapshot();
    for (String action : List.of("approve", "reject")) {
      Http.Response own = decide(batch, action, chef);
      assertEquals(403, own.status(), own.body());
      assertEquals("nobody approves or rejects their own proposal; another attestant decides",
          own.json().path("detail").asText());
      assertEquals(403, decide(batch, action, s.handlaggare).status(), "a handläggare does not attest");
    }
    Scenario.assertUnchanged(before, s.snapshot(), "refused decisions");
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(0, files().size());
    assertEquals(200, decide(batch, "approve", s.attestant).status(), "another attestant approves");
  }

  @Test
  void anApprovalReleasesExactlyOneFileNamingItsApprovalAndEveryOrdersApprovedBankgiro() throws Exception {
    // the daily run proposes at 06:00 on the first day after the deadline; nothing reaches the bank
    var fired = s.runtime.setClock(Instant.parse("2025-04-18T04:00:00Z"));
    assertTrue(fired.stream().anyMatch(f -> f.schedule().equals("PayoutJobFunction.Daily") && f.succeeded()), fired.toString());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(0, files().size(), "no file before attestation");
    JsonNode batches = s.http.get(G + "/payout-batches", s.handlaggare).json().path("batches");
    assertEquals(1, batches.size(), batches.toString());
    JsonNode batch = batches.get(0);
    assertEquals("awaiting-attestation", batch.path("state").asText());
    assertEquals("/system/system:payout", batch.path("proposedBy").asText(), "the daily run proposed it");
    JsonNode payments = s.http.get(G + "/payments", s.handlaggare).json();
    assertEquals(payments.path("totals").path("orders").asInt(),
        payments.path("totals").path("awaiting-attestation").path("orders").asInt());

    Http.Response approved = decide(batch.path("batchId").asText(), "approve", s.attestant);
    assertEquals(200, approved.status(), approved.body());
    String approvalId = approved.json().path("approval").path("approvalId").asText();
    assertTrue(approvalId.startsWith("ATT-"), approved.body());
    assertEquals(200, decide(batch.path("batchId").asText(), "approve", s.attestant).status(), "asked again: no change");
    s.runtime.deliverQueues(Duration.ofSeconds(30));

    JsonNode files = files();
    assertEquals(1, files.size(), "exactly one file");
    Http.Response file = s.http.get(files.get(0).path("href").asText(), s.handlaggare);
    OfficialSchemas.pain001().newValidator().validate(new StreamSource(new ByteArrayInputStream(
        file.body().getBytes(StandardCharsets.UTF_8))));
    String xml = file.body();
    assertTrue(xml.contains("<Authstn><Prtry>Attest " + approvalId + " "), "the file names the approval: " + xml);
    assertTrue(xml.contains(" av attestant-1</Prtry></Authstn>"), "and the approver");
    Matcher tx = Pattern.compile("<CdtTrfTxInf>.*?</CdtTrfTxInf>", Pattern.DOTALL).matcher(xml);
    int n = 0;
    while (tx.find()) {
      String t = tx.group();
      Matcher org = Pattern.compile("<Cdtr><Nm>[^<]*</Nm><Id><OrgId><Othr><Id>(\\d{10})</Id>").matcher(t);
      assertTrue(org.find(), t);
      assertTrue(t.contains("<CdtrAcct><Id><Othr><Id>" + Scenario.bankgiro(org.group(1))
          + "</Id><SchmeNm><Prtry>BGNR</Prtry></SchmeNm></Othr></Id></CdtrAcct>"), "the approved bankgiro: " + t);
      assertTrue(t.contains("<CdtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>SESBA</Cd></ClrSysId><MmbId>9900</MmbId>"), t);
      n++;
    }
    assertEquals(files.get(0).path("orders").asInt(), n);
    assertEquals(payments.path("totals").path("amount").asLong(), files.get(0).path("total").asLong(),
        "the requisitions and the redistributed shares the run proposed");
    assertEquals("filed", s.http.get(batch.path("links").path("self").asText(), s.handlaggare).json().path("state").asText());
    assertEquals(List.of("payout-batch.proposed", "payout-batch.approved"), s.audit("payout-batch/" + Scenario.GRANT + "/"
        + batch.path("batchId").asText()).stream().map(i -> i.get("action").s()).toList());
  }

  @Test
  void aRejectionReleasesNothingLeavesTheMoneyUnpaidAndTheOrdersAreProposedAgain() {
    String batch = s.runPayout().path("runId").asText();
    Http.Response rejected = decide(batch, "reject", s.attestant);
    assertEquals(200, rejected.status(), rejected.body());
    assertEquals("returned", rejected.json().path("state").asText(), "every order returned");
    assertEquals(200, decide(batch, "reject", s.attestant).status(), "asked again: no change");
    assertEquals(409, decide(batch, "approve", attestant2).status(), "a rejected batch is not approved");
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(0, files().size(), "nothing reaches the bank");
    JsonNode payments = s.http.get(G + "/payments", s.handlaggare).json();
    assertEquals(0, payments.path("totals").path("orders").asInt(), "no order is left");
    for (String r : RECIPIENTS) {
      assertEquals("accepted", s.http.get(s.path(r), s.handlaggare).json().path("status").asText(), r + " unpaid again");
    }
    List<String> trail = s.audit("requisition/" + Scenario.GRANT + "/kommun-0114").stream()
        .map(i -> i.get("action").s()).toList();
    assertEquals(List.of("requisition.submitted", "requisition.payment-proposed", "requisition.payment-rejected"), trail);
    assertEquals(List.of("payout-batch.proposed", "payout-batch.rejected", "payout-batch.returned"),
        s.audit("payout-batch/" + Scenario.GRANT + "/" + batch).stream().map(i -> i.get("action").s()).toList());

    JsonNode again = s.runPayout();
    assertEquals(RECIPIENTS.size(), again.path("ordered").asInt(), "proposed anew");
    assertEquals(200, decide(again.path("runId").asText(), "approve", s.attestant).status());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(1, files().size());
    assertEquals(total(), files().get(0).path("total").asLong());
  }

  @Test
  void ofAConcurrentApprovalAndRejectionExactlyOneTakesEffect() throws Exception {
    boolean approvedOnce = false;
    for (int round = 0; round < 4 && !approvedOnce; round++) {
      String batch = s.runPayout().path("runId").asText();
      var pool = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Http.Response>> calls = new ArrayList<>();
      calls.add(pool.submit(() -> {
        go.await();
        return decide(batch, "approve", s.attestant);
      }));
      calls.add(pool.submit(() -> {
        go.await();
        return decide(batch, "reject", attestant2);
      }));
      go.countDown();
      int approved = calls.get(0).get().status();
      int rejected = calls.get(1).get().status();
      pool.shutdown();
      assertTrue((approved == 200) != (rejected == 200), "one wins: approve " + approved + ", reject " + rejected);
      assertEquals(409, approved == 200 ? rejected : approved, "the other finds it decided");
      String state = s.http.get(G + "/payout-batches/" + batch, s.handlaggare).json().path("state").asText();
      assertTrue(approved == 200 ? List.of("closed", "filed").contains(state) : state.equals("returned"), state);
      s.runtime.deliverQueues(Duration.ofSeconds(30));
      approvedOnce = approved == 200;
      assertEquals(approvedOnce ? 1 : 0, files().size(), "a file only for the approved batch");
    }
    if (!approvedOnce) { // the rejection won every round: approve the next proposal
      s.runPayout();
      s.approveBatches();
      s.runtime.deliverQueues(Duration.ofSeconds(30));
    }
    assertEquals(1, files().size(), "one file: the approved batch's");
    assertEquals(total(), files().get(0).path("total").asLong(), "each requisition paid once");
  }
}
