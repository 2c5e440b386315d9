package se.bidrag.grant;

import java.util.List;

/**
 * A rule of the grant refused a request; nothing was changed. The HTTP layer maps the kind to a
 * status (422, 403, 404, 409, 412) and the field errors to problem+json.
 */
public final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, IDEMPOTENCY_MISMATCH }

  /** One offending field and what is wrong with it. */
  public record FieldError(String field, String message) {}

  private final Kind kind;
  private final String code;
  private final transient List<FieldError> fields;

  public Refusal(Kind kind, String code, String message, List<FieldError> fields) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.fields = List.copyOf(fields);
  }

  public static Refusal invalid(List<FieldError> fields) {
    FieldError first = fields.get(0);
    return new Refusal(Kind.INVALID, "validation-failed", fields.size() == 1 ? first.field() + ": " + first.message()
        : fields.size() + " fields are not valid; first " + first.field() + ": " + first.message(), fields);
  }

  public static Refusal invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static Refusal forbidden(String message) {
    return new Refusal(Kind.FORBIDDEN, "forbidden", message, List.of());
  }

  public static Refusal notFound(String field, String message) {
    return new Refusal(Kind.NOT_FOUND, "not-found", message, field == null ? List.of() : List.of(new FieldError(field, message)));
  }

  public static Refusal conflict(String code, String message) {
    return new Refusal(Kind.CONFLICT, code, message, List.of());
  }

  public static Refusal preconditionFailed(String message) {
    return new Refusal(Kind.PRECONDITION_FAILED, "precondition-failed", message, List.of(new FieldError("If-Match", message)));
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fields() {
    return fields;
  }
}
