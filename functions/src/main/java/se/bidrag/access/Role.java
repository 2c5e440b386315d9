package se.bidrag.access;

import java.util.Locale;
import java.util.Optional;

/**
 * The roles a token carries: the e-service's (Socialstyrelsen's e-tjänst behörigheter) for the
 * people of a municipality or region, and the agency's two (its internal control separates who
 * prepares from who approves); plus two that no token carries.
 */
public enum Role {
  /** The organisation's one registered representative (ombud): may submit and invite others. */
  OMBUD,
  /** Invited by the ombud: may fill in and submit. */
  REPRESENTANT,
  /** Invited by the ombud: may fill in and read, may not submit. */
  UPPGIFTSSAMORDNARE,
  /** The agency's grant officer: publishes, registers ombud, runs the redistribution, proposes payouts, recoveries, waivers. */
  HANDLAGGARE,
  /** The agency's attestant: approves or rejects what someone else proposed. */
  ATTESTANT,
  /** Whoever holds a recipient's personal reporting link (not a token role). */
  REPORTER,
  /** The system itself: scheduled jobs and queue consumers (not a token role). */
  SYSTEM;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A role of the e-service's people (municipalities and regions). */
  public boolean isEService() {
    return this == OMBUD || this == REPRESENTANT || this == UPPGIFTSSAMORDNARE;
  }

  /** A role of the agency's people. */
  public boolean isAgency() {
    return this == HANDLAGGARE || this == ATTESTANT;
  }

  /** Whether a token may carry the role. */
  public boolean inTokens() {
    return isEService() || isAgency();
  }

  public static Optional<Role> parse(String text) {
    for (Role r : values()) {
      if (r.code().equals(text)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
