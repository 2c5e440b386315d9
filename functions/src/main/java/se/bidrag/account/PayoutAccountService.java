package se.bidrag.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.attest.Proposal;
import se.bidrag.attest.Proposals;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailOutbox;

/**
 * An organisation's payout account: its ombud requests a change (the bankgiro is checked: length and
 * check digit), an agency attestant who did not request it approves (then it is in effect, and the
 * registry mailboxes are told that it changed, from what to what) or rejects it. One change awaits
 * attestation at a time: a different request while one waits is refused (409) — the attestant
 * rejects the first. Sending the same request again, or approving again after an approval that was
 * not answered, changes nothing and answers as the first time.
 */
public final class PayoutAccountService {
  private static final int ATTEMPTS = 5;

  private final PayoutAccounts accounts;
  private final Proposals proposals;
  private final Access access;
  private final RegistryMailboxes mailboxes;
  private final EmailOutbox outbox;
  private final GrantCatalog grants;
  private final Clock clock;

  public PayoutAccountService(PayoutAccounts accounts, Proposals proposals, Access access, RegistryMailboxes mailboxes,
      EmailOutbox outbox, GrantCatalog grants, Clock clock) {
    this.accounts = accounts;
    this.proposals = proposals;
    this.access = access;
    this.mailboxes = mailboxes;
    this.outbox = outbox;
    this.grants = grants;
    this.clock = clock;
  }

  /** What a change led to: the account, and whether this call changed it. */
  public record Result(PayoutAccount account, boolean changed, List<String> notified) {}

  private PayoutAccount current(String orgnr) {
    return accounts.find(orgnr).orElse(PayoutAccount.none(orgnr));
  }

  public PayoutAccount get(Caller caller, String orgnr) {
    access.requireMayRead(caller, orgnr);
    return current(orgnr);
  }

  /** Only the organisation's registered ombud requests a change (checked before the request's body is read). */
  public void requireMayRequest(Caller caller, String orgnr) {
    access.requireOmbud(caller, orgnr, "registers the payout account");
  }

  /** The ombud asks for the account to be {@code bankgiro}; in effect once an attestant approves. */
  public Result request(Caller caller, String orgnr, Bankgiro bankgiro) {
    requireMayRequest(caller, orgnr);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      PayoutAccount a = current(orgnr);
      if (a.pending() != null) {
        if (a.pending().bankgiro().equals(bankgiro)) {
          return new Result(a, false, List.of());
        }
        throw Refusal.conflict("payout-account-change-pending", "a change of the payout account to "
            + a.pending().bankgiro().masked() + " awaits attestation; the agency approves or rejects it before another");
      }
      if (bankgiro.equals(a.approved())) {
        return new Result(a, false, List.of());
      }
      if (accounts.request(a, bankgiro, caller, clock.instant())) {
        return new Result(current(orgnr), true, List.of());
      }
    }
    throw Refusal.conflict("concurrent-change", "the payout account of " + orgnr + " is being changed concurrently");
  }

  /** An attestant puts the pending change seen at {@code version} in effect. */
  public Result approve(Caller caller, String orgnr, Long version) {
    Access.requireAttestant(caller);
    PayoutAccount a = decidable(caller, orgnr, version, Proposal.State.APPROVED);
    if (a.version() != version) { // a replay of an approval that was made
      return new Result(a, false, a.approved() != null && version + 1 == a.version() ? notify(a, version) : List.of());
    }
    Access.requireMayDecide(caller, a.pending().requestedBy());
    access.requireNotOmbudsRegistrar(caller, orgnr);
    Instant now = clock.instant();
    String approvalId = Proposal.newApprovalId(now);
    boolean done = accounts.approve(a, caller, approvalId, now);
    PayoutAccount after = current(orgnr);
    if (!done && !approvalId.equals(after.approvalId())) { // not even this call's, with its answer lost
      throw Refusal.conflict("concurrent-change", "the payout account of " + orgnr + " changed meanwhile; read it again");
    }
    return new Result(after, true, notify(after, version));
  }

  /** An attestant drops the pending change seen at {@code version}. */
  public Result reject(Caller caller, String orgnr, Long version, String reason) {
    Access.requireAttestant(caller);
    PayoutAccount a = decidable(caller, orgnr, version, Proposal.State.REJECTED);
    if (a.version() != version) {
      return new Result(a, false, List.of());
    }
    Access.requireMayDecide(caller, a.pending().requestedBy());
    if (!accounts.reject(a, caller, reason, clock.instant())) {
      return new Result(decidable(caller, orgnr, version, Proposal.State.REJECTED), false, List.of()); // or 409/412
    }
    return new Result(current(orgnr), true, List.of());
  }

  /**
   * The account with the pending change the attestant saw at {@code version}; or, when that change
   * was already decided as {@code outcome} by this attestant, the account as it is now (a replay).
   */
  private PayoutAccount decidable(Caller caller, String orgnr, Long version, Proposal.State outcome) {
    if (version == null) {
      throw Refusal.preconditionFailed("If-Match: \"<version>\" is required: the version of the account whose pending "
          + "change is decided");
    }
    PayoutAccount a = current(orgnr);
    if (a.pending() != null && a.version() == version) {
      return a;
    }
    Optional<Proposal> decided = proposals.find(Proposal.Kind.PAYOUT_ACCOUNT, orgnr + "-" + version);
    if (decided.isPresent() && decided.get().decision() != null && decided.get().decision().outcome() == outcome
        && decided.get().decision().decidedBy().equals(caller.subject())) {
      return a;
    }
    if (a.pending() == null) {
      throw Refusal.conflict("no-change-pending", "no change of the payout account of " + orgnr + " awaits attestation");
    }
    throw Refusal.preconditionFailed("the account is at version " + a.version() + ", not " + version
        + "; read it again and decide on the change it shows");
  }

  /** Queues the notice of the change (again, on a replay: the sender sends each job once). */
  private List<String> notify(PayoutAccount after, long version) {
    RegistryMailboxes.Addressees to = mailboxes.of(after.orgnr());
    List<EmailJob> jobs = new ArrayList<>();
    // signed by the agency of a grant the organisation receives (else of the deployment's first grant)
    GrantDefinition letterhead = to.grants().isEmpty() ? grants.require(grants.ids().get(0)) : to.grants().get(0);
    for (int i = 0; i < to.addresses().size(); i++) {
      jobs.add(AccountLetters.changed(letterhead, to.grants(), after.orgnr(), to.name(), after.previous(), after.approved(), after.approvedAt(),
          after.approvalId(), version, i, to.addresses().get(i)));
    }
    if (!jobs.isEmpty()) {
      outbox.enqueue(jobs);
    }
    return to.addresses();
  }
}
