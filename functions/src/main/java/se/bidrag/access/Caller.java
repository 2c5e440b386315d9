package se.bidrag.access;

/**
 * Who is calling, from the verified token's claims.
 *
 * @param subject the person (the token's {@code sub})
 * @param orgnr the organisation the person acts for
 */
public record Caller(String subject, String orgnr, Role role, String name) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** For audit records: {@code 2120000019/ombud/sub-123}. */
  public String describe() {
    return orgnr + "/" + role.code() + "/" + subject;
  }

  /** The system itself (scheduled jobs), for audit records. */
  public static Caller system(String job) {
    return new Caller("system:" + job, "", Role.ADMIN, job);
  }
}
