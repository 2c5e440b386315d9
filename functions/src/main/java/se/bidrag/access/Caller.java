package se.bidrag.access;

/**
 * Who is calling, from the verified token's claims ({@link Callers}); what they may do is {@link Access}'s to say.
 *
 * @param subject the person (the token's {@code sub})
 * @param orgnr the organisation the person acts for
 */
public record Caller(String subject, String orgnr, Role role, String name) {

  /** For audit records: {@code 2120000019/ombud/sub-123}. */
  public String describe() {
    return orgnr + "/" + role.code() + "/" + subject;
  }

  /** The system itself (scheduled jobs), for audit records. */
  public static Caller system(String job) {
    return new Caller("system:" + job, "", Role.ADMIN, job);
  }
}
