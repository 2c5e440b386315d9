package se.bidrag.invoicing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.attest.Proposal;
import se.bidrag.audit.AuditEntry;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;
import se.bidrag.json.Json;

/**
 * Recoveries (återkrav) and waivers (eftergift) under four eyes: a handläggare proposes (checked as
 * the issuing would check it; nothing is issued), an attestant who did not propose it approves (the
 * invoice or credit note is issued, in the same transaction as the approval) or rejects it (nothing is
 * issued). The Idempotency-Key a proposal is made with fixes its id: a retry returns the first
 * proposal, another request under the key is 422.
 */
public final class InvoiceDecisions {
  private final GrantCatalog catalog;
  private final InvoicingService invoicing;
  private final InvoiceProposals proposals;
  private final Clock clock;
  private final se.bidrag.metrics.BusinessMetrics metrics;

  public InvoiceDecisions(GrantCatalog catalog, InvoicingService invoicing, InvoiceProposals proposals, Clock clock,
      se.bidrag.metrics.BusinessMetrics metrics) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.invoicing = invoicing;
    this.proposals = proposals;
    this.clock = clock;
  }

  /**
   * What a call led to.
   *
   * @param created true when this call changed something (a new proposal, an approval that issued documents)
   * @param invoices what the proposal issued (once approved)
   */
  public record Outcome(boolean created, InvoiceProposal proposal, List<StoredInvoice> invoices) {}

  public Outcome proposeRecovery(Caller handlaggare, String grantId, InvoicingService.Recovery in, String key,
      String requestHash) {
    catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    String source = "recovery:" + key;
    String id = InvoiceProposal.id(Proposal.Kind.RECOVERY, grantId, source);
    var existing = proposals.find(grantId, id);
    if (existing.isPresent()) {
      return replay(existing.get(), requestHash);
    }
    invoicing.checkRecovery(grantId, in);
    Instant now = clock.instant();
    return propose(new InvoiceProposal(id, Proposal.Kind.RECOVERY, grantId, in.recipientId(), null, in.amount(),
        in.reason(), in.buyerReference(), source, requestHash, handlaggare.subject(), handlaggare.describe(), now,
        Proposal.State.AWAITING_ATTESTATION, null), handlaggare, requestHash);
  }

  public Outcome proposeWaiver(Caller handlaggare, String number, InvoicingService.Waiver in, String key,
      String requestHash) {
    StoredInvoice invoice = invoicing.find(number);
    String grantId = invoice.invoice().grantId();
    String source = "waiver:" + key;
    String id = InvoiceProposal.id(Proposal.Kind.WAIVER, grantId, source);
    var existing = proposals.find(grantId, id);
    if (existing.isPresent()) {
      return replay(existing.get(), requestHash);
    }
    InvoicingService.CheckedWaiver checked = invoicing.checkWaiver(number, in);
    Instant now = clock.instant();
    return propose(new InvoiceProposal(id, Proposal.Kind.WAIVER, grantId, invoice.invoice().recipientId(), number,
        checked.amount(), in.reason(), null, source, requestHash, handlaggare.subject(), handlaggare.describe(), now,
        Proposal.State.AWAITING_ATTESTATION, null), handlaggare, requestHash);
  }

  private Outcome propose(InvoiceProposal p, Caller handlaggare, String requestHash) {
    AuditEntry audit = new AuditEntry(p.grantId(), p.entity(), 1, p.proposedAt(), handlaggare,
        p.kind().code() + ".proposed", null, json(p));
    if (proposals.propose(p, audit)) {
      return new Outcome(true, p, List.of());
    }
    return replay(proposals.find(p.grantId(), p.id()).orElseThrow(), requestHash); // a concurrent retry won
  }

  private Outcome replay(InvoiceProposal p, String requestHash) {
    if (!p.requestHash().equals(requestHash)) {
      throw new Refusal(Refusal.Kind.IDEMPOTENCY_MISMATCH, "idempotency-key-reused", "the Idempotency-Key was used for "
          + "a different request; send a new key for a new proposal", List.of(new Refusal.FieldError("Idempotency-Key",
          "was used for a different request")));
    }
    return new Outcome(false, p, invoicing.issued(p.grantId(), p.source()));
  }

  /** The recovery {@code id} of the grant, or the waiver {@code id} of invoice {@code number}; 404 otherwise. */
  private InvoiceProposal find(Proposal.Kind kind, String grantId, String number, String id) {
    String grant = kind == Proposal.Kind.WAIVER ? invoicing.find(number).invoice().grantId() : grantId;
    catalog.find(grant).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grant));
    return proposals.find(grant, id).filter(p -> p.kind() == kind && (kind != Proposal.Kind.WAIVER
        || p.invoiceNumber().equals(number))).orElseThrow(() -> Refusal.notFound("proposalId", "no "
        + kind.code() + " proposal " + id));
  }

  /** An attestant who did not propose it approves: the invoice or credit note is issued with the approval. */
  public Outcome approve(Caller attestant, Proposal.Kind kind, String grantId, String number, String id) {
    InvoiceProposal p = find(kind, grantId, number, id);
    if (p.awaitingAttestation()) {
      Access.requireMayDecide(attestant, p.proposedBy());
      Instant now = clock.instant();
      Proposal.Decision d = new Proposal.Decision(Proposal.State.APPROVED, attestant.subject(), attestant.describe(),
          now, Proposal.newApprovalId(now), null);
      InvoiceProposal approved = decided(p, d);
      InvoiceStore.Approval approval = new InvoiceStore.Approval(p, d, new AuditEntry(p.grantId(), p.entity(), 2, now,
          attestant, kind.code() + ".approved", json(p), json(approved)));
      try {
        InvoicingService.Result r = kind == Proposal.Kind.RECOVERY ? invoicing.issueRecovery(p, attestant, approval)
            : invoicing.issueWaiver(p, attestant, approval);
        if (r.created()) {
          metrics.count(se.bidrag.metrics.Metric.APPROVALS, p.grantId(), 1);
          return new Outcome(true, approved, r.invoices());
        }
        // already issued: by this attestant's earlier (lost) answer, or by another attestant who came first;
        // the stored decision says which (below), never this request's unstored approval id
        p = find(kind, grantId, number, id);
      } catch (Refusal r) {
        if (!InvoicingService.PROPOSAL_DECIDED.equals(r.code())) {
          throw r;
        }
        p = find(kind, grantId, number, id);
      }
    }
    if (p.decision() != null && p.decision().outcome() == Proposal.State.APPROVED
        && p.decision().decidedBy().equals(attestant.subject())) {
      return new Outcome(false, p, invoicing.issued(p.grantId(), p.source()));
    }
    throw decidedAlready(p);
  }

  /** An attestant who did not propose it rejects: nothing is issued. */
  public Outcome reject(Caller attestant, Proposal.Kind kind, String grantId, String number, String id, String reason) {
    InvoiceProposal p = find(kind, grantId, number, id);
    if (p.awaitingAttestation()) {
      Access.requireMayDecide(attestant, p.proposedBy());
      Instant now = clock.instant();
      Proposal.Decision d = new Proposal.Decision(Proposal.State.REJECTED, attestant.subject(), attestant.describe(),
          now, null, reason);
      InvoiceProposal rejected = decided(p, d);
      if (proposals.reject(p, d, new AuditEntry(p.grantId(), p.entity(), 2, now, attestant, kind.code() + ".rejected",
          json(p), json(rejected)))) {
        return new Outcome(true, rejected, List.of());
      }
      p = find(kind, grantId, number, id);
    }
    if (p.decision() != null && p.decision().outcome() == Proposal.State.REJECTED
        && p.decision().decidedBy().equals(attestant.subject())) {
      return new Outcome(false, p, List.of());
    }
    throw decidedAlready(p);
  }

  private static Refusal decidedAlready(InvoiceProposal p) {
    return Refusal.conflict("proposal-decided", p.kind().code() + " proposal " + p.id() + " was "
        + p.state().code() + " already; only a proposal awaiting attestation is approved or rejected");
  }

  private static InvoiceProposal decided(InvoiceProposal p, Proposal.Decision d) {
    return new InvoiceProposal(p.id(), p.kind(), p.grantId(), p.recipientId(), p.invoiceNumber(), p.amount(), p.reason(),
        p.buyerReference(), p.source(), p.requestHash(), p.proposedBy(), p.proposer(), p.proposedAt(), d.outcome(), d);
  }

  /** The proposal as the API and its audit entries show it. */
  static ObjectNode json(InvoiceProposal p) {
    ObjectNode o = Json.object().put("proposalId", p.id()).put("kind", p.kind().code()).put("grantId", p.grantId())
        .put("recipientId", p.recipientId());
    if (p.invoiceNumber() != null) {
      o.put("invoiceNumber", p.invoiceNumber());
    }
    o.put("amount", p.amount()).put("reason", p.reason());
    if (p.buyerReference() != null) {
      o.put("buyerReference", p.buyerReference());
    }
    o.put("state", p.state().code()).put("proposedBy", p.proposer()).put("proposedAt", p.proposedAt().toString());
    if (p.decision() != null) {
      ObjectNode d = o.putObject("decision").put("outcome", p.decision().outcome().code())
          .put("by", p.decision().decider()).put("at", p.decision().at().toString());
      if (p.decision().approvalId() != null) {
        d.put("approvalId", p.decision().approvalId());
      }
      if (p.decision().reason() != null) {
        d.put("reason", p.decision().reason());
      }
    }
    if (p.awaitingAttestation()) {
      o.putObject("links").put("approve", p.href() + "/approve").put("reject", p.href() + "/reject");
    }
    return o;
  }
}
