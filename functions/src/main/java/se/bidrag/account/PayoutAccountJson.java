package se.bidrag.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import se.bidrag.json.Json;

/**
 * Payout accounts as the API and the audit trail show them: the bankgiro masked, and for the agency also in
 * full (the attestant must be able to check the number against the organisation's own confirmation before
 * approving; an attestant who saw only the last four digits would approve blind).
 */
public final class PayoutAccountJson {
  private PayoutAccountJson() {}

  /** The account as the API shows it; {@code inFull}: the agency's view, with the whole number beside the mask. */
  static ObjectNode api(PayoutAccount a, boolean inFull) {
    ObjectNode o = Json.object().put("orgnr", a.orgnr()).put("version", a.version());
    if (a.approved() != null) {
      ObjectNode approved = o.putObject("approved").put("bankgiro", a.approved().masked());
      if (inFull) {
        approved.put("bankgiroInFull", a.approved().formatted());
      }
      approved.put("approvedAt", a.approvedAt().toString()).put("approvedBy", a.approvedBy())
          .put("approvalId", a.approvalId());
    } else {
      o.putNull("approved");
    }
    if (a.pending() != null) {
      PayoutAccount.Pending p = a.pending();
      ObjectNode pending = o.putObject("pending").put("bankgiro", p.bankgiro().masked());
      if (inFull) {
        pending.put("bankgiroInFull", p.bankgiro().formatted());
      }
      pending.put("state", "awaiting-attestation")
          .put("requestedBy", p.requester()).put("requestedAt", p.requestedAt().toString())
          .put("proposalId", p.proposalId());
    } else {
      o.putNull("pending");
    }
    o.put("status", a.pending() != null ? "awaiting-attestation" : a.approved() != null ? "approved" : "none");
    String self = "/organisations/" + a.orgnr() + "/payout-account";
    ObjectNode links = o.putObject("links").put("self", self);
    if (a.pending() != null) {
      links.put("approve", self + "/approve (If-Match: \"" + a.version() + "\")").put("reject", self + "/reject");
    }
    return o;
  }

  /** The account as audit entries record it (masked: the trail is read by people, the number is in the account). */
  static ObjectNode audit(PayoutAccount a) {
    ObjectNode o = Json.object().put("orgnr", a.orgnr()).put("version", a.version())
        .put("approved", a.approved() == null ? null : a.approved().masked());
    if (a.approvalId() != null) {
      o.put("approvalId", a.approvalId());
    }
    o.put("pending", a.pending() == null ? null : a.pending().bankgiro().masked());
    return o;
  }
}
