package se.bidrag.account;

import java.time.Instant;
import java.util.Optional;
import se.bidrag.access.Caller;

/**
 * The organisations' payout accounts. Each change is one transaction with its entry in the register
 * of proposals and its audit entry, conditional on the version it was based on; false when the
 * account (or the proposal) moved meanwhile, and nothing was written.
 */
public interface PayoutAccounts {

  Optional<PayoutAccount> find(String orgnr);

  /** Records the ombud's requested change, awaiting attestation. */
  boolean request(PayoutAccount before, Bankgiro bankgiro, Caller ombud, Instant at);

  /** Puts the pending change in effect: only by an attestant who did not request it. */
  boolean approve(PayoutAccount before, Caller attestant, String approvalId, Instant at);

  /** Drops the pending change; the approved account stays as it was. */
  boolean reject(PayoutAccount before, Caller attestant, String reason, Instant at);
}
