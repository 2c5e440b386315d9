package se.bidrag.access;

import se.bidrag.grant.Refusal;

/**
 * Who may do what, in one place (Socialstyrelsen's e-tjänst behörigheter). The agency (role admin)
 * runs the grant: its routes are for it alone, and it may read every organisation's data, but it does
 * not submit for an organisation. An organisation's registered ombud and the representanter the
 * ombud invited may submit, amend and withdraw; an uppgiftssamordnare the ombud invited may read
 * (fill in) but not submit; only the ombud invites and removes the others. Everyone acts for their
 * own organisation only: the token's orgnr must be the recipient's. A refusal is 403.
 */
public final class Access {
  private final Registrations registrations;

  public Access(Registrations registrations) {
    this.registrations = registrations;
  }

  /** Whether the caller is the agency. */
  public static boolean isAgency(Caller caller) {
    return caller.role() == Role.ADMIN;
  }

  /** The caller, who must be the agency: an agency-only route. */
  public static Caller requireAgency(Caller caller) {
    if (!isAgency(caller)) {
      throw Refusal.forbidden("this route is for the agency (role admin); the token's role is " + caller.role().code());
    }
    return caller;
  }

  /** The caller must be the agency to see {@code what} (e.g. "the list of all requisitions"). */
  public static void requireAgency(Caller caller, String what) {
    if (!isAgency(caller)) {
      throw Refusal.forbidden(what + " is for the agency (role admin)");
    }
  }

  /** May submit, amend or withdraw for the organisation. */
  public void requireMaySubmit(Caller caller, String orgnr) {
    if (isAgency(caller)) {
      throw Refusal.forbidden("the agency does not submit requisitions; the organisation's ombud or a representant does");
    }
    requireOwnOrganisation(caller, orgnr);
    switch (caller.role()) {
      case OMBUD -> requireRegisteredOmbud(caller, orgnr);
      case REPRESENTANT -> requireDelegate(caller, orgnr, Role.REPRESENTANT);
      case UPPGIFTSSAMORDNARE -> throw Refusal.forbidden("an uppgiftssamordnare may fill in but not submit; "
          + "the ombud or a representant submits");
      default -> throw Refusal.forbidden("role " + caller.role().code() + " may not submit");
    }
  }

  /** May read the organisation's requisitions, invoices and ombud. */
  public void requireMayRead(Caller caller, String orgnr) {
    if (isAgency(caller)) {
      return;
    }
    requireOwnOrganisation(caller, orgnr);
    switch (caller.role()) {
      case OMBUD -> requireRegisteredOmbud(caller, orgnr);
      case REPRESENTANT, UPPGIFTSSAMORDNARE -> requireDelegate(caller, orgnr, caller.role());
      default -> throw Refusal.forbidden("role " + caller.role().code() + " may not read");
    }
  }

  /** Is the organisation's registered ombud (who invites and removes the others). */
  public void requireOmbud(Caller caller, String orgnr) {
    requireOwnOrganisation(caller, orgnr);
    if (caller.role() != Role.OMBUD) {
      throw Refusal.forbidden("only the organisation's ombud invites and removes representatives");
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

  private static void requireOwnOrganisation(Caller caller, String orgnr) {
    if (!caller.orgnr().equals(orgnr)) {
      throw Refusal.forbidden("the token acts for organisation " + caller.orgnr() + ", not " + orgnr);
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
