package se.bidrag.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is registered to act for an organisation: its one ombud (registered by the agency) and the
 * people the ombud invited (representanter, uppgiftssamordnare). Changes are audited.
 */
public interface Registrations {

  /** The organisation's ombud. */
  record Ombud(String orgnr, String subject, String name, String email, Instant registeredAt, String registeredBy,
      long version) {}

  /** A person the ombud invited. */
  record Delegate(String orgnr, String subject, Role role, String name, Instant invitedAt, String invitedBy,
      long version) {}

  Optional<Ombud> ombud(String orgnr);

  Optional<Delegate> delegate(String orgnr, String subject);

  List<Delegate> delegates(String orgnr);

  /** Registers the organisation's ombud, replacing the previous one (an organisation has one ombud). */
  Ombud registerOmbud(String orgnr, String subject, String name, String email, Instant at, Caller by);

  /** Invites (or changes the role of) a representant or uppgiftssamordnare. */
  Delegate invite(String orgnr, String subject, Role role, String name, Instant at, Caller by);

  /** Removes an invited person; false if there was none. */
  boolean remove(String orgnr, String subject, Instant at, Caller by);
}
