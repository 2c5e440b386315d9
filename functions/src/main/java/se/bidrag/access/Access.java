package se.bidrag.access;

import java.util.Optional;
import java.util.Set;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;
import se.bidrag.util.Memo;

/**
 * Who may do what, in one place.
 *
 * <p>The agency: its people hold one or both of two roles, {@code handlaggare} (prepares: publishes,
 * registers ombud, runs the redistribution, proposes payout batches, recoveries and waivers) and
 * {@code attestant} (approves or rejects what someone else proposed: förordningen (2007:603) om
 * intern styrning och kontroll). An agency role counts only in a token of the agency's own
 * organisation number (the grant definitions' agency) that carries the agency scope, the scope the
 * HTTP API's JWT authorizer requires on the agency's routes; anything else with an agency role, or
 * with the retired role {@code admin}, is no agency token. Both agency roles read everything; nobody
 * decides on their own proposal, whatever roles they hold.
 *
 * <p>The organisations (Socialstyrelsen's e-tjänst behörigheter): an organisation's registered ombud
 * and the representanter the ombud invited may submit, amend and withdraw; an uppgiftssamordnare the
 * ombud invited may read (fill in) but not submit; only the ombud invites and removes the others and
 * registers the payout account. Everyone acts for their own organisation only: the token's orgnr must
 * be the recipient's. A refusal is 403, and its text never names another organisation's number.
 */
public final class Access {
  /** The scope the agency's tokens carry and the agency's routes require ({@code AuthorizationScopes} in template.yaml). */
  public static final String AGENCY_SCOPE = "bidrag/agency";

  private static final Memo<Set<String>> AGENCIES = new Memo<>(() -> GrantCatalog.bundled().agencyOrgnrs());

  private final Registrations registrations;

  public Access(Registrations registrations) {
    this.registrations = registrations;
  }

  /**
   * The same rules, with the ombud and the delegate record of {@code orgnr}/{@code subject} already read
   * (e.g. in one batch with the rest of a request's items): checking them makes no further call.
   */
  public Access withKnown(String orgnr, String subject, Optional<Registrations.Ombud> ombud,
      Optional<Registrations.Delegate> delegate) {
    return new Access(new KnownRegistrations(registrations, orgnr, subject, ombud, delegate));
  }

  // ---------------------------------------------------------------- the agency

  /** Whether the caller speaks for the agency: an agency role, in a token of the agency's orgnr with the agency scope. */
  public static boolean isAgency(Caller caller) {
    return (caller.has(Role.HANDLAGGARE) || caller.has(Role.ATTESTANT)) && AGENCIES.get().contains(caller.orgnr())
        && caller.scopes().contains(AGENCY_SCOPE);
  }

  /** The caller, who must be the agency (either role): an agency route that reads. */
  public static Caller requireAgency(Caller caller) {
    if (!isAgency(caller)) {
      throw Refusal.forbidden("this route is for the agency's handläggare and attestanter; the token is not an agency "
          + "token (roles " + caller.roleCodes() + ")");
    }
    return caller;
  }

  /** The caller must be the agency to see {@code what} (e.g. "the list of all requisitions"). */
  public static void requireAgency(Caller caller, String what) {
    if (!isAgency(caller)) {
      throw Refusal.forbidden(what + " is for the agency's handläggare and attestanter");
    }
  }

  /** The caller, who must be one of the agency's handläggare: to prepare {@code what}. */
  public static Caller requireHandlaggare(Caller caller, String what) {
    if (!isAgency(caller) || !caller.has(Role.HANDLAGGARE)) {
      throw Refusal.forbidden(what + " is prepared by the agency's handläggare; the token's roles are "
          + caller.roleCodes());
    }
    return caller;
  }

  /** The caller, who must be one of the agency's attestanter: to approve or reject. */
  public static Caller requireAttestant(Caller caller) {
    if (!isAgency(caller) || !caller.has(Role.ATTESTANT)) {
      throw Refusal.forbidden("approving and rejecting is for the agency's attestanter; the token's roles are "
          + caller.roleCodes());
    }
    return caller;
  }

  /**
   * The caller may approve or reject a proposal {@code proposedBy} made: an attestant who is not that
   * person. The system's own proposals (a scheduled run) were made by no person: any attestant decides.
   */
  public static Caller requireMayDecide(Caller caller, String proposedBy) {
    requireAttestant(caller);
    if (caller.subject().equals(proposedBy)) {
      throw new Refusal(Refusal.Kind.FORBIDDEN, "four-eyes", // its own problem type: the console names the rule
          "nobody approves or rejects their own proposal; another attestant decides", java.util.List.of());
    }
    return caller;
  }

  /**
   * The attestant approving an organisation's payout account is not the person at the agency who registered
   * its ombud: otherwise one person holding both roles could name an ombud and then approve that ombud's
   * account, and money would move on one person's word.
   */
  public void requireNotOmbudsRegistrar(Caller attestant, String orgnr) {
    Optional<String> by = registrations.ombud(orgnr).map(Registrations.Ombud::registeredBy);
    if (by.isPresent() && by.get().split("/", 3).length == 3
        && Caller.described(by.get()).subject().equals(attestant.subject())) {
      throw Refusal.forbidden("the person who registered the organisation's ombud does not approve that ombud's "
          + "payout account; another attestant decides");
    }
  }

  // ---------------------------------------------------------------- the organisations

  /** May submit, amend or withdraw for the organisation. */
  public void requireMaySubmit(Caller caller, String orgnr) {
    if (isAgency(caller)) {
      throw Refusal.forbidden("the agency does not submit requisitions; the organisation's ombud or a representant does");
    }
    requireOwnOrganisation(caller, orgnr);
    Role role = eServiceRole(caller, "submit");
    switch (role) {
      case OMBUD -> requireRegisteredOmbud(caller, orgnr);
      case REPRESENTANT -> requireDelegate(caller, orgnr, Role.REPRESENTANT);
      default -> throw Refusal.forbidden("an uppgiftssamordnare may fill in but not submit; "
          + "the ombud or a representant submits");
    }
  }

  /** May read the organisation's requisitions, invoices, ombud and payout account. */
  public void requireMayRead(Caller caller, String orgnr) {
    if (isAgency(caller)) {
      return;
    }
    requireOwnOrganisation(caller, orgnr);
    Role role = eServiceRole(caller, "read");
    if (role == Role.OMBUD) {
      requireRegisteredOmbud(caller, orgnr);
    } else {
      requireDelegate(caller, orgnr, role);
    }
  }

  /**
   * May read some organisation's documents: the agency, or a registered person of the token's own
   * organisation. Checked before a document is read; {@link #requireAddressee} after.
   */
  public void requireMayReadOwn(Caller caller) {
    requireMayRead(caller, caller.orgnr());
  }

  /** The document is addressed to the caller's organisation (or the caller is the agency). */
  public static void requireAddressee(Caller caller, String orgnr, String what) {
    if (!isAgency(caller) && !caller.orgnr().equals(orgnr)) {
      throw Refusal.forbidden(what + " is addressed to another organisation than the token's");
    }
  }

  /** Is the organisation's registered ombud: who invites and removes the others, and registers the payout account. */
  public void requireOmbud(Caller caller, String orgnr) {
    requireOmbud(caller, orgnr, "invites and removes representatives");
  }

  /** Is the organisation's registered ombud, who alone {@code does} (e.g. "registers the payout account"). */
  public void requireOmbud(Caller caller, String orgnr, String does) {
    requireOwnOrganisation(caller, orgnr);
    if (caller.role() != Role.OMBUD || caller.roles().size() != 1) {
      throw Refusal.forbidden("only the organisation's ombud " + does);
    }
    requireRegisteredOmbud(caller, orgnr);
  }

  /** May list the people the ombud invited: the agency, or the ombud. */
  public void requireMayListDelegates(Caller caller, String orgnr) {
    if (!isAgency(caller)) {
      requireOmbud(caller, orgnr);
    }
  }

  /** May invite {@code subject}: the ombud, and not themself (422 naming {@code subject}). */
  public void requireMayInvite(Caller caller, String orgnr, String subject) {
    requireOmbud(caller, orgnr);
    if (subject.equals(caller.subject())) {
      throw Refusal.invalid("subject", "the ombud cannot invite themself");
    }
  }

  /** The one e-service role the token carries; 403 for agency roles, the retired admin, or a mix. */
  private static Role eServiceRole(Caller caller, String act) {
    if (caller.roles().size() != 1 || !caller.role().isEService()) {
      throw Refusal.forbidden("a token with the roles " + caller.roleCodes() + " may not " + act
          + " for an organisation; the organisation's ombud, representanter and uppgiftssamordnare do");
    }
    return caller.role();
  }

  private static void requireOwnOrganisation(Caller caller, String orgnr) {
    if (!caller.orgnr().equals(orgnr)) {
      throw Refusal.forbidden("the token acts for organisation " + caller.orgnr()
          + ", not for the organisation in the request");
    }
  }

  private void requireRegisteredOmbud(Caller caller, String orgnr) {
    Registrations.Ombud ombud = registrations.ombud(orgnr).orElseThrow(() -> Refusal.forbidden(
        "organisation " + orgnr + " has no registered ombud"));
    if (!ombud.subject().equals(caller.subject())) {
      throw Refusal.forbidden(caller.subject() + " is not the registered ombud of organisation " + orgnr);
    }
  }

  private void requireDelegate(Caller caller, String orgnr, Role role) {
    Registrations.Delegate d = registrations.delegate(orgnr, caller.subject()).orElseThrow(() -> Refusal.forbidden(
        caller.subject() + " has not been invited by the ombud of organisation " + orgnr));
    if (d.role() != role) {
      throw Refusal.forbidden(caller.subject() + " was invited as " + d.role().code() + ", not " + role.code());
    }
  }
}
