package se.bidrag.attest;

import java.time.Instant;
import java.util.Locale;

/**
 * Something a person (or a scheduled run) proposed that takes effect only when an attestant who is
 * not the proposer approves it.
 *
 * @param grantId the grant it belongs to; null for an organisation's payout account, which serves every grant
 * @param subject what it is about: the batch id, the recipient, the invoice number, the organisation number
 * @param summary one line for the agency's list (no personal names, no e-mail addresses)
 * @param amount the kronor it moves, where it moves money; null otherwise
 * @param proposedBy the proposer's subject (the token's {@code sub}; {@code system:payout} for the daily run)
 * @param proposer who proposed, as audit records name people ({@code orgnr/roles/subject})
 * @param href where it is read and decided ({@code .../approve}, {@code .../reject} below it)
 * @param decision null while it awaits attestation
 */
public record Proposal(Kind kind, String id, String grantId, String subject, String summary, Long amount,
    String proposedBy, String proposer, Instant proposedAt, String href, State state, Decision decision) {

  /** What is proposed. */
  public enum Kind {
    PAYOUT_BATCH, RECOVERY, WAIVER, PAYOUT_ACCOUNT;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind parse(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /** Where it is. */
  public enum State {
    AWAITING_ATTESTATION, APPROVED, REJECTED;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static State parse(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  /**
   * An attestant's decision.
   *
   * @param decidedBy the attestant's subject
   * @param decider the attestant as audit records name people
   * @param approvalId the approval's id (the payment file and the account name it); null for a rejection
   * @param reason why it was rejected (or a note on the approval); may be null
   */
  public record Decision(State outcome, String decidedBy, String decider, Instant at, String approvalId, String reason) {}

  /** A new proposal, awaiting attestation. */
  public static Proposal awaiting(Kind kind, String id, String grantId, String subject, String summary, Long amount,
      String proposedBy, String proposer, Instant proposedAt, String href) {
    return new Proposal(kind, id, grantId, subject, summary, amount, proposedBy, proposer, proposedAt, href,
        State.AWAITING_ATTESTATION, null);
  }

  /** A new approval id ({@code ATT-20250418-1a2b3c4d}): what the payment file and the changed account name. */
  public static String newApprovalId(Instant at) {
    return "ATT-" + at.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString().replace("-", "") + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  public boolean awaitingAttestation() {
    return state == State.AWAITING_ATTESTATION;
  }

  public Proposal decided(Decision d) {
    return new Proposal(kind, id, grantId, subject, summary, amount, proposedBy, proposer, proposedAt, href, d.outcome(),
        d);
  }
}
