package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import se.bidrag.json.Json;
import se.bidrag.local.Http;

/**
 * The agency's two people in the demo year: Maria (handläggare, and attestant too) prepares — payout
 * runs, recoveries, waivers — and Johan (attestant) approves or rejects what someone else proposed,
 * including the organisations' payout accounts. Maria trying to attest her own proposal is refused,
 * and counted.
 */
final class Agency {
  static final String G = "/grants/" + GrantYear.GRANT;

  private final EService api;
  /** The grants played: Johan attests every grant's batches in his daily round. */
  private final List<String> grants = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final BiConsumer<Boolean, String> expect;
  final AtomicInteger ownProposalRefused = new AtomicInteger();

  /**
   * @param expect records an unexpected answer: (ok, what)
   */
  Agency(EService api, BiConsumer<Boolean, String> expect) {
    this.api = api;
    this.expect = expect;
  }

  private void check(boolean ok, String what, Http.Response r) {
    if (!ok) {
      String body = r.body();
      expect.accept(false, what + ": HTTP " + r.status() + " " + (body.length() > 300 ? body.substring(0, 300) : body));
    }
  }

  void plays(String grantId) {
    grants.add(grantId);
  }

  /** The organisation's ombud registers its bankgiro; Johan approves the change (the version the ombud's answer shows). */
  void account(String orgnr) {
    Http.Response put = api.send("PUT", "/organisations/" + orgnr + "/payout-account", api.ombud(orgnr),
        Json.write(Json.object().put("bankgiro", People.bankgiro(orgnr))), Map.of());
    check(put.status() == 202 || put.status() == 200, "payout account of " + orgnr, put);
    if (put.status() / 100 != 2 || put.json().path("pending").isNull()) {
      return;
    }
    Http.Response ok = api.send("POST", "/organisations/" + orgnr + "/payout-account/approve", api.attestant, null,
        Map.of("If-Match", "\"" + put.json().path("version").asLong() + "\""));
    check(ok.status() == 200, "approval of the payout account of " + orgnr, ok);
  }

  /** Every played grant's payout batches. */
  private List<JsonNode> batches() {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String grantId : grants) {
      Http.Response r = api.get("/grants/" + grantId + "/payout-batches", api.handlaggare);
      check(r.status() == 200, "payout batches of " + grantId, r);
      r.json().path("batches").forEach(out::add);
    }
    return out;
  }

  /** The batches awaiting attestation, in every played grant. */
  List<JsonNode> awaiting() {
    return batches().stream().filter(b -> b.path("state").asText().equals("awaiting-attestation")).toList();
  }

  /** Batches not yet in a payment file nor returned: being prepared, awaiting attestation, or being released. */
  int unsettled() {
    return (int) batches().stream().filter(b -> !List.of("filed", "returned").contains(b.path("state").asText())).count();
  }

  /** Johan approves every batch awaiting attestation; how many. */
  int approveBatches() {
    int n = 0;
    for (JsonNode b : awaiting()) {
      Http.Response r = api.send("POST", b.path("links").path("approve").asText(), api.attestant, null, Map.of());
      check(r.status() == 200, "approval of batch " + b.path("batchId").asText(), r);
      n++;
    }
    return n;
  }

  /** Johan rejects every batch awaiting attestation (the orders go back to "not paid"); how many. */
  int rejectBatches(String reason) {
    int n = 0;
    for (JsonNode b : awaiting()) {
      Http.Response r = api.send("POST", b.path("links").path("reject").asText(), api.attestant,
          Json.write(Json.object().put("reason", reason)), Map.of());
      check(r.status() == 200, "rejection of batch " + b.path("batchId").asText(), r);
      n++;
    }
    return n;
  }

  /** Maria proposes a payout batch now; she may not approve it herself (403); Johan does. */
  void proposeAndHaveApproved() {
    Http.Response run = api.send("POST", G + "/payouts:run", api.handlaggare, null, Map.of());
    check(run.status() == 200, "payout run", run);
    for (JsonNode b : awaiting()) {
      if (b.path("proposedBy").asText().endsWith("/handlaggare-maria")) {
        Http.Response own = api.send("POST", b.path("links").path("approve").asText(), api.handlaggare, null, Map.of());
        check(own.status() == 403, "Maria approving her own batch must be refused", own);
        if (own.status() == 403) {
          ownProposalRefused.incrementAndGet();
        }
      }
    }
    approveBatches();
  }

  /**
   * Återkrav and eftergift: Maria proposes to reclaim money from a recipient that never reported, Johan
   * approves (an invoice); on review Maria proposes to waive it in full, Johan approves (a credit note,
   * so nothing is owed); a second recovery Johan rejects (nothing is issued). Maria may not attest her own.
   */
  void recoveriesAndWaivers(String first, long amount, String second) {
    Http.Response r1 = propose(G + "/recoveries", "demo-recovery-1", Json.write(Json.object().put("recipientId", first)
        .put("amount", amount).put("reason", "Återrapport saknas; medlen återkrävs enligt 9 § förordningen.")));
    String invoice = decide(r1, "approve", null);
    if (invoice != null) {
      Http.Response w = propose("/invoices/" + invoice + "/waivers", "demo-waiver-1", Json.write(Json.object()
          .put("reason", "Återrapporten kom in efter omprövning; återkravet efterges.")));
      decide(w, "approve", null);
    }
    Http.Response r2 = propose(G + "/recoveries", "demo-recovery-2", Json.write(Json.object().put("recipientId", second)
        .put("amount", amount).put("reason", "Medlen bedöms inte ha använts för ändamålet.")));
    decide(r2, "reject", "Underlaget räcker inte för ett återkrav.");
  }

  private Http.Response propose(String path, String key, String body) {
    Http.Response r = api.send("POST", path, api.handlaggare, body, Map.of("Idempotency-Key", key));
    check(r.status() == 201 || r.status() == 200, "proposal " + key, r);
    if (r.status() / 100 == 2) {
      String approve = r.json().path("proposal").path("links").path("approve").asText();
      Http.Response own = api.send("POST", approve, api.handlaggare, null, Map.of());
      check(own.status() == 403, "Maria attesting her own proposal must be refused", own);
      if (own.status() == 403) {
        ownProposalRefused.incrementAndGet();
      }
    }
    return r;
  }

  /** Johan decides; the number of the document an approval issued. */
  private String decide(Http.Response proposed, String action, String reason) {
    if (proposed.status() / 100 != 2) {
      return null;
    }
    Http.Response r = api.send("POST", proposed.json().path("proposal").path("links").path(action).asText(),
        api.attestant, reason == null ? null : Json.write(Json.object().put("reason", reason)), Map.of());
    check(r.status() / 100 == 2, action + " of " + proposed.json().path("proposal").path("proposalId").asText(), r);
    return r.status() / 100 == 2 && r.json().path("invoices").size() > 0
        ? r.json().path("invoices").get(0).path("number").asText() : null;
  }
}
