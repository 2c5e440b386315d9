package se.bidrag.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Registrations of one organisation and subject that were already read (e.g. in the same batch as the
 * rest of a request's items), answered without another call; anything else goes to the store.
 */
final class KnownRegistrations implements Registrations {
  private final Registrations store;
  private final String orgnr;
  private final String subject;
  private final Optional<Ombud> ombud;
  private final Optional<Delegate> delegate;

  KnownRegistrations(Registrations store, String orgnr, String subject, Optional<Ombud> ombud,
      Optional<Delegate> delegate) {
    this.store = store;
    this.orgnr = orgnr;
    this.subject = subject;
    this.ombud = ombud;
    this.delegate = delegate;
  }

  @Override
  public Optional<Ombud> ombud(String o) {
    return o.equals(orgnr) ? ombud : store.ombud(o);
  }

  @Override
  public Optional<Delegate> delegate(String o, String s) {
    return o.equals(orgnr) && s.equals(subject) ? delegate : store.delegate(o, s);
  }

  @Override
  public List<Delegate> delegates(String o) {
    return store.delegates(o);
  }

  @Override
  public Ombud registerOmbud(String o, String s, String name, String email, Instant at, Caller by) {
    return store.registerOmbud(o, s, name, email, at, by);
  }

  @Override
  public Delegate invite(String o, String s, Role role, String name, Instant at, Caller by) {
    return store.invite(o, s, role, name, at, by);
  }

  @Override
  public boolean remove(String o, String s, Instant at, Caller by) {
    return store.remove(o, s, at, by);
  }
}
