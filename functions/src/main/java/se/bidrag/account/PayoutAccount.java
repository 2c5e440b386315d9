package se.bidrag.account;

import java.time.Instant;

/**
 * An organisation's payout account: the approved bankgiro the payouts pay to (none until the first
 * change is approved), and a change its ombud requested that awaits an attestant.
 *
 * @param approvedBy who approved the account in effect ({@code orgnr/roles/subject})
 * @param previous the account in effect before the approved one (null: none), for the notice of the change
 * @param approvalId the approval that put it in effect
 * @param version increases with every change (request, approval, rejection); approvals name it (If-Match)
 */
public record PayoutAccount(String orgnr, Bankgiro approved, Instant approvedAt, String approvedBy, String approvalId,
    Bankgiro previous, Pending pending, long version) {

  /**
   * A requested change.
   *
   * @param requestedBy the ombud's subject
   * @param requester the ombud as audit records name people
   * @param proposalId the change's id in the register of proposals
   */
  public record Pending(Bankgiro bankgiro, String requestedBy, String requester, Instant requestedAt,
      String proposalId) {}

  /** No account registered yet. */
  public static PayoutAccount none(String orgnr) {
    return new PayoutAccount(orgnr, null, null, null, null, null, null, 0);
  }

  public boolean hasApproved() {
    return approved != null;
  }
}
