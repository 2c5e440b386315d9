package se.bidrag.access;

import java.util.Locale;
import java.util.Optional;

/** The roles the e-service's tokens carry (Socialstyrelsen's e-tjänst behörigheter) plus the agency's admin. */
public enum Role {
  /** The organisation's one registered representative (ombud): may submit and invite others. */
  OMBUD,
  /** Invited by the ombud: may fill in and submit. */
  REPRESENTANT,
  /** Invited by the ombud: may fill in and read, may not submit. */
  UPPGIFTSSAMORDNARE,
  /** The agency. */
  ADMIN,
  /** Whoever holds a recipient's personal reporting link (not a token role). */
  REPORTER;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
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
