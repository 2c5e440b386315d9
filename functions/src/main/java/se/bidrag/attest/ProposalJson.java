package se.bidrag.attest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.Map;
import se.bidrag.json.Json;

/** Proposals as the API shows them. */
public final class ProposalJson {
  private ProposalJson() {}

  public static ObjectNode proposal(Proposal p) {
    ObjectNode o = Json.object().put("kind", p.kind().code()).put("id", p.id()).put("subject", p.subject())
        .put("summary", p.summary());
    if (p.grantId() != null) {
      o.put("grantId", p.grantId());
    }
    if (p.amount() != null) {
      o.put("amount", p.amount());
    }
    o.put("state", p.state().code()).put("proposedBy", p.proposer()).put("proposedAt", p.proposedAt().toString());
    if (p.decision() != null) {
      Proposal.Decision d = p.decision();
      ObjectNode dj = o.putObject("decision").put("outcome", d.outcome().code()).put("by", d.decider())
          .put("at", d.at().toString());
      if (d.approvalId() != null) {
        dj.put("approvalId", d.approvalId());
      }
      if (d.reason() != null) {
        dj.put("reason", d.reason());
      }
    }
    ObjectNode links = o.putObject("links").put("self", p.href());
    if (p.awaitingAttestation()) {
      links.put("approve", p.href() + "/approve").put("reject", p.href() + "/reject");
    }
    return o;
  }

  static ObjectNode listing(Attestation.Listing l) {
    ObjectNode body = Json.object().put("grant", l.grantId()).put("today", l.today().toString())
        .put("staleAfterWorkingDays", l.staleAfterWorkingDays());
    ArrayNode list = body.putArray("proposals");
    Map<Proposal.State, Integer> counts = new EnumMap<>(Proposal.State.class);
    for (Proposal.State s : Proposal.State.values()) {
      counts.put(s, 0);
    }
    int stale = 0;
    for (Attestation.Listed x : l.proposals()) {
      list.add(proposal(x.proposal()).put("workingDaysWaiting", x.workingDaysWaiting()).put("stale", x.stale()));
      counts.merge(x.proposal().state(), 1, Integer::sum);
      stale += x.stale() ? 1 : 0;
    }
    ObjectNode totals = body.putObject("totals").put("proposals", l.proposals().size()).put("stale", stale);
    counts.forEach((s, n) -> totals.put(s.code(), n));
    return body;
  }
}
