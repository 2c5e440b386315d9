package se.bidrag.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who is calling, from the verified token's claims ({@link Callers}); what they may do is {@link Access}'s to say.
 *
 * @param subject the person (the token's {@code sub})
 * @param orgnr the organisation the person acts for
 * @param roles the roles the token names (none for a token whose only role is retired, such as {@code admin})
 * @param name the person's name, for display only (never logged)
 * @param scopes the token's OAuth scopes ({@code scope} / {@code scp})
 */
public record Caller(String subject, String orgnr, Set<Role> roles, String name, Set<String> scopes) {

  public Caller {
    roles = roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    scopes = Collections.unmodifiableSet(new TreeSet<>(scopes));
  }

  /** A caller with one role and no scopes (the e-service's people, the reporting link, tests). */
  public Caller(String subject, String orgnr, Role role, String name) {
    this(subject, orgnr, Set.of(role), name, Set.of());
  }

  /** The caller's role when it has one; with several, the first (in the order of {@link Role}); null with none. */
  public Role role() {
    return roles.isEmpty() ? null : roles.iterator().next();
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  /** The role codes joined by {@code +} ({@code handlaggare+attestant}); {@code none} without roles. */
  public String roleCodes() {
    return roles.isEmpty() ? "none" : roles.stream().map(Role::code).collect(Collectors.joining("+"));
  }

  /** For audit records: {@code 2120000019/ombud/sub-123}. */
  public String describe() {
    return orgnr + "/" + roleCodes() + "/" + subject;
  }

  /**
   * The caller a {@link #describe()} text names (without name and scopes): for recording a later step
   * of something a person started, as theirs.
   */
  public static Caller described(String description) {
    String[] parts = description.split("/", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException("not a caller's description: " + description);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String code : parts[1].split("\\+")) {
      Role.parse(code).ifPresent(roles::add);
    }
    return new Caller(parts[2], parts[0], roles, parts[2], Set.of());
  }

  /** The system itself (scheduled jobs), for audit records; as a proposer it is no person. */
  public static Caller system(String job) {
    return new Caller("system:" + job, "", Role.SYSTEM, job);
  }
}
