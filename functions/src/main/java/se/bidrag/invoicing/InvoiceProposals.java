package se.bidrag.invoicing;

import java.util.List;
import java.util.Optional;
import se.bidrag.attest.Proposal;
import se.bidrag.audit.AuditEntry;

/**
 * The proposed recoveries and waivers. Proposing and rejecting are one transaction each with the
 * register of proposals' item and the audit entry; approving is part of the issuing transaction
 * ({@link InvoiceStore.Approval}), so the invoice exists exactly when the proposal is approved.
 */
public interface InvoiceProposals {

  /** Records the proposal; false when one with its id exists (then nothing is written). */
  boolean propose(InvoiceProposal p, AuditEntry audit);

  Optional<InvoiceProposal> find(String grantId, String id);

  /** Records the rejection, unless the proposal was decided meanwhile or the rejecter proposed it; false then. */
  boolean reject(InvoiceProposal p, Proposal.Decision decision, AuditEntry audit);

  /** The grant's proposals of the kind. */
  List<InvoiceProposal> all(String grantId);
}
