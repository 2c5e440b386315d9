package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidrag.json.Json;
import se.bidrag.local.Http;

/**
 * The year's four eyes, read back from the system: what was proposed and decided (the agency's list of
 * proposals), that nobody decided on their own proposal, that every payment file names its batch's
 * approval and pays every order to the bankgiro its organisation's ombud registered and an attestant
 * approved, that a rejected batch reached no file, that nothing is left waiting, that one recipient's
 * audit trail is complete and in time order, and that the functions' log holds no e-mail address or
 * personal name.
 */
final class AttestationSummary {
  private static final Pattern TX = Pattern.compile("<CdtTrfTxInf>.*?</CdtTrfTxInf>", Pattern.DOTALL);
  private static final Pattern CREDITOR = Pattern.compile(
      "<Cdtr><Nm>[^<]*</Nm><Id><OrgId><Othr><Id>(\\d{10})</Id>.*?<CdtrAcct><Id><Othr><Id>(\\d+)</Id><SchmeNm><Prtry>BGNR",
      Pattern.DOTALL);
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  /** What one recipient's trail must show, in this order among its entries. */
  static final List<String> LIFE = List.of("ombud.registered", "requisition.submitted", "payout-account.change-approved",
      "requisition.payment-proposed", "requisition.paid", "report.submitted");

  final Map<String, Integer> byKind = new TreeMap<>();
  int approved;
  int rejected;
  int awaiting;
  int stale;
  int ownRefused;
  int trailEntries;
  String trailRecipient;
  final Map<String, Boolean> checks = new LinkedHashMap<>();
  final Map<String, String> why = new LinkedHashMap<>();

  static AttestationSummary read(GrantYear year) {
    AttestationSummary a = new AttestationSummary();
    a.collect(year);
    return a;
  }

  /**
   * A filed batch's payment file: its parts (a run above the bank's limit is paid in several files) joined,
   * each fetched by the href the list gives it; a status other than 200 if any part could not be read.
   */
  private static Http.Response wholeRun(EService api, JsonNode files, String batchId) {
    StringBuilder body = new StringBuilder();
    int status = 404;
    for (JsonNode f : files) {
      if (f.path("runId").asText().equals(batchId)) {
        Http.Response part = api.get(f.path("href").asText(), api.handlaggare);
        status = status == 404 || status == 200 ? part.status() : status;
        body.append(part.body());
      }
    }
    return new Http.Response(status, Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void check(String name, boolean ok, String description) {
    checks.put(name, ok);
    why.put(name, description);
  }

  private void collect(GrantYear year) {
    EService api = year.api;
    String g = Agency.G;
    List<String> played = new ArrayList<>(List.of(g));
    year.next().forEach(n -> played.add("/grants/" + n.grantId));
    ownRefused = year.agency.ownProposalRefused.get();
    boolean someoneElse = true;
    Map<String, JsonNode> byId = new LinkedHashMap<>(); // an organisation's payout-account proposals are listed under every grant
    List<Map.Entry<String, JsonNode>> batches = new ArrayList<>();
    Map<String, JsonNode> files = new LinkedHashMap<>(); // each grant's payment files, listed once
    for (String grant : played) {
      api.get(grant + "/proposals?state=all", api.handlaggare).json().path("proposals")
          .forEach(p -> byId.putIfAbsent(p.path("kind").asText() + "/" + p.path("id").asText(), p));
      api.get(grant + "/payout-batches", api.handlaggare).json().path("batches").forEach(b -> batches.add(Map.entry(grant, b)));
      files.put(grant, api.get(grant + "/payment-files", api.handlaggare).json().path("files"));
    }
    List<JsonNode> proposals = new ArrayList<>(byId.values());
    for (JsonNode p : proposals) {
      byKind.merge(p.path("kind").asText(), 1, Integer::sum);
      switch (p.path("state").asText()) {
        case "approved" -> approved++;
        case "rejected" -> rejected++;
        default -> awaiting++;
      }
      stale += p.path("stale").asBoolean() ? 1 : 0;
      if (p.has("decision")) {
        someoneElse &= !subject(p.path("proposedBy").asText()).equals(subject(p.path("decision").path("by").asText()));
      }
    }
    check("everyDecisionBySomeoneElse", someoneElse && rejected > 0 && ownRefused > 0,
        "no proposal approved or rejected by its proposer (their attempts refused); a batch rejected");

    boolean filesNameApprovals = true;
    boolean toApprovedBankgiro = true;
    int filedBatches = 0;
    Map<String, String> accountsSeen = new TreeMap<>();
    for (Map.Entry<String, JsonNode> grantBatch : batches) {
      JsonNode b = grantBatch.getValue();
      String state = b.path("state").asText();
      if (!state.equals("filed")) {
        Http.Response none = api.get(grantBatch.getKey() + "/payment-files/" + b.path("batchId").asText(), api.handlaggare);
        filesNameApprovals &= none.status() == 404 && !state.equals("awaiting-attestation");
        continue;
      }
      Http.Response file = wholeRun(api, files.get(grantBatch.getKey()), b.path("batchId").asText());
      filedBatches++;
      JsonNode approval = b.path("approval");
      filesNameApprovals &= file.status() == 200 && file.body().contains("<Authstn><Prtry>Attest "
          + approval.path("approvalId").asText() + " ") && file.body().contains(" av "
          + subject(approval.path("by").asText()) + "</Prtry>");
      Matcher tx = TX.matcher(file.body());
      while (tx.find()) {
        Matcher c = CREDITOR.matcher(tx.group());
        if (c.find()) {
          toApprovedBankgiro &= c.group(2).equals(People.bankgiro(c.group(1)));
          accountsSeen.put(c.group(1), c.group(2));
        } else {
          toApprovedBankgiro = false;
        }
      }
    }
    for (Map.Entry<String, String> e : accountsSeen.entrySet()) {
      JsonNode account = api.get("/organisations/" + e.getKey() + "/payout-account", api.attestant).json();
      toApprovedBankgiro &= account.path("approved").path("bankgiro").asText()
          .equals("\u2022\u2022\u2022-" + e.getValue().substring(e.getValue().length() - 4));
    }
    check("everyPaymentFileNamesItsApproval", filesNameApprovals && filedBatches > 0,
        "one file per approved batch, naming the approval and its attestant; none for a rejected batch");
    check("everyOrderToItsApprovedBankgiro", toApprovedBankgiro && !accountsSeen.isEmpty(),
        "every order pays the bankgiro its ombud registered and an attestant approved (BGNR)");
    check("nothingAwaitsAttestation", awaiting == 0, "no proposal left waiting at the end of the year");

    trailRecipient = year.plans.stream().filter(p -> p.reporting() == Mix.Reporting.BATCH_1
        && p.requisition() == Mix.Requisition.FULL && !year.lateAccounts.contains(p.orgnr())).map(Mix.Plan::recipientId)
        .sorted().findFirst().orElse(null);
    List<String> actions = new ArrayList<>();
    boolean ordered = true;
    Instant last = Instant.EPOCH;
    String next = trailRecipient == null ? null : g + "/audit?recipient=" + trailRecipient;
    while (next != null) {
      JsonNode page = api.get(next, api.attestant).json();
      for (JsonNode e : page.path("entries")) {
        Instant at = Instant.parse(e.path("at").asText());
        ordered &= !at.isBefore(last);
        last = at;
        actions.add(e.path("action").asText());
      }
      next = page.path("links").path("next").asText(null);
    }
    trailEntries = actions.size();
    int from = 0;
    boolean life = true;
    for (String a : LIFE) {
      int i = actions.subList(from, actions.size()).indexOf(a);
      life &= i >= 0;
      from = i >= 0 ? from + i + 1 : from;
    }
    check("auditTrailOfARecipientComplete", ordered && life, "one recipient's audit trail, in time order, shows its "
        + "whole year: " + LIFE);

    if (year.functionLog() != null) {
      String log;
      try {
        log = Files.readString(year.functionLog(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      List<String> found = new ArrayList<>();
      Matcher m = EMAIL.matcher(log);
      while (m.find() && found.size() < 5) {
        found.add(m.group());
      }
      People.all(year.plans).stream().filter(log::contains).limit(5).forEach(found::add);
      check("noPersonalDataInTheLog", found.isEmpty(), "no e-mail address or personal name in functions.log: " + found);
    }
  }

  private static String subject(String described) {
    return described.substring(described.lastIndexOf('/') + 1);
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object().put("proposals", byKind.values().stream().mapToInt(Integer::intValue).sum());
    ObjectNode kinds = o.putObject("byKind");
    byKind.forEach(kinds::put);
    o.put("approved", approved).put("rejected", rejected).put("awaiting", awaiting).put("stale", stale)
        .put("ownProposalRefused", ownRefused).put("auditTrailRecipient", trailRecipient)
        .put("auditTrailEntries", trailEntries);
    return o;
  }

  void print(PrintStream out) {
    out.printf("Attestation  %d proposals (%s): %d approved, %d rejected, %d waiting (%d stale); "
        + "own proposals refused %d%n", byKind.values().stream().mapToInt(Integer::intValue).sum(),
        String.join(", ", byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()), approved,
        rejected, awaiting, stale, ownRefused);
    out.printf("Audit trail  %s: %d entries, in time order%n", trailRecipient, trailEntries);
  }
}
