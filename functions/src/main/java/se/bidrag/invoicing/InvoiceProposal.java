package se.bidrag.invoicing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import se.bidrag.attest.Proposal;

/**
 * A handläggare's proposed recovery (återkrav) or waiver (eftergift): it issues an invoice or a credit
 * note only when an attestant who did not propose it approves it.
 *
 * @param id {@code rec-…} or {@code wai-…}, fixed by the grant and the Idempotency-Key it was proposed with
 * @param invoiceNumber the invoice a waiver credits; null for a recovery
 * @param amount the kronor reclaimed or waived (a waiver's default, all that was outstanding, fixed when proposed)
 * @param source what the issued documents are recorded under ({@code recovery:<key>}, {@code waiver:<key>})
 * @param requestHash what the Idempotency-Key was first used for
 * @param decision null while it awaits attestation
 */
public record InvoiceProposal(String id, Proposal.Kind kind, String grantId, String recipientId, String invoiceNumber,
    long amount, String reason, String buyerReference, String source, String requestHash, String proposedBy,
    String proposer, Instant proposedAt, Proposal.State state, Proposal.Decision decision) {

  /** The id a proposal made with this Idempotency-Key gets. */
  static String id(Proposal.Kind kind, String grantId, String source) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest((grantId + ":" + source).getBytes(StandardCharsets.UTF_8));
      return (kind == Proposal.Kind.RECOVERY ? "rec-" : "wai-") + HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The audit entity: {@code recovery/<grant>/<id>} or {@code waiver/<grant>/<id>}. */
  public String entity() {
    return kind.code() + "/" + grantId + "/" + id;
  }

  /** Where it is decided: {@code .../approve} and {@code .../reject} below. */
  public String href() {
    return kind == Proposal.Kind.RECOVERY ? "/grants/" + grantId + "/recoveries/" + id
        : "/invoices/" + invoiceNumber + "/waivers/" + id;
  }

  /** Its entry in the register of proposals. */
  public Proposal registered() {
    String summary = kind == Proposal.Kind.RECOVERY
        ? "Återkrav från " + recipientId + ": " + se.bidrag.notification.Kronor.format(amount, ' ') + " kr"
        : "Eftergift av faktura " + invoiceNumber + " (" + recipientId + "): "
            + se.bidrag.notification.Kronor.format(amount, ' ') + " kr";
    Proposal p = Proposal.awaiting(kind, id, grantId, kind == Proposal.Kind.RECOVERY ? recipientId : invoiceNumber,
        summary, amount, proposedBy, proposer, proposedAt, href());
    return decision == null ? p : p.decided(decision);
  }

  public boolean awaitingAttestation() {
    return state == Proposal.State.AWAITING_ATTESTATION;
  }
}
