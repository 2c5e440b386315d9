package se.bidrag.access;

import se.bidrag.grant.Refusal;

/**
 * Who may act for an organisation (Socialstyrelsen's e-tjänst behörigheter): its registered ombud
 * and the representanter the ombud invited may submit, amend and withdraw; an uppgiftssamordnare
 * the ombud invited may read (fill in) but not submit; the agency (admin) may read. Everyone acts
 * for their own organisation only: the token's orgnr must be the recipient's.
 */
public final class OrganisationAccess {
  private final Registrations registrations;

  public OrganisationAccess(Registrations registrations) {
    this.registrations = registrations;
  }

  /** May submit, amend or withdraw for the organisation. */
  public void requireMaySubmit(Caller caller, String orgnr) {
    if (caller.isAdmin()) {
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

  /** May read the organisation's requisitions. */
  public void requireMayRead(Caller caller, String orgnr) {
    if (caller.isAdmin()) {
      return;
    }
    requireOwnOrganisation(caller, orgnr);
    switch (caller.role()) {
      case OMBUD -> requireRegisteredOmbud(caller, orgnr);
      case REPRESENTANT, UPPGIFTSSAMORDNARE -> requireDelegate(caller, orgnr, caller.role());
      default -> throw Refusal.forbidden("role " + caller.role().code() + " may not read");
    }
  }

  /** Is the organisation's registered ombud (who invites the others). */
  public void requireOmbud(Caller caller, String orgnr) {
    requireOwnOrganisation(caller, orgnr);
    if (caller.role() != Role.OMBUD) {
      throw Refusal.forbidden("only the organisation's ombud invites and removes representatives");
    }
    requireRegisteredOmbud(caller, orgnr);
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
