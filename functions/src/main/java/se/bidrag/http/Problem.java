package se.bidrag.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.json.Json;

/**
 * An RFC 9457 problem: thrown anywhere in request handling, rendered as
 * {@code application/problem+json}. Field errors name the offending field (and its JSON pointer).
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One field that was wrong. */
  public record FieldError(String field, String message) {
    public String pointer() {
      return "/" + field.replace("~", "~0").replace("/", "~1").replace(".", "/").replaceAll("\\[(\\d+)]", "/$1");
    }
  }

  private final int status;
  private final String type;
  private final String title;
  private final List<FieldError> errors;
  private final transient Map<String, JsonNode> extra = new LinkedHashMap<>();
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  public Problem(int status, String type, String title, String detail, List<FieldError> errors) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static Problem badRequest(String field, String message) {
    return new Problem(400, "invalid-request", "The request is not valid", field + ": " + message,
        List.of(new FieldError(field, message)));
  }

  public static Problem invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    String detail = errors.size() == 1 ? first.field() + ": " + first.message()
        : errors.size() + " fields are not valid; first " + first.field() + ": " + first.message();
    return new Problem(422, "validation-failed", "The request has fields that are not valid", detail, errors);
  }

  public static Problem unprocessable(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Authentication required", detail, List.of())
        .header("WWW-Authenticate", "Bearer");
  }

  public static Problem forbidden(String detail) {
    return new Problem(403, "forbidden", "Not allowed", detail, List.of());
  }

  public static Problem notFound(String field, String detail) {
    return new Problem(404, "not-found", "Not found", detail,
        field == null ? List.of() : List.of(new FieldError(field, detail)));
  }

  public static Problem conflict(String type, String detail) {
    return new Problem(409, type, "Conflict with the current state", detail, List.of());
  }

  public static Problem preconditionFailed(String detail) {
    return new Problem(412, "precondition-failed", "Precondition failed", detail,
        List.of(new FieldError("If-Match", detail)));
  }

  public static Problem tooLarge(String field, String detail) {
    return new Problem(413, "too-large", "The request body is too large", detail, List.of(new FieldError(field, detail)));
  }

  /** A grant rule's refusal as a problem: INVALID 422, FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, PRECONDITION_FAILED 412. */
  public static Problem from(se.bidrag.grant.Refusal r) {
    int status = switch (r.kind()) {
      case INVALID, IDEMPOTENCY_MISMATCH -> 422;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case PRECONDITION_FAILED -> 412;
    };
    String title = switch (r.kind()) {
      case INVALID -> "The request has fields that are not valid";
      case IDEMPOTENCY_MISMATCH -> "The Idempotency-Key was used for a different request";
      case FORBIDDEN -> "Not allowed";
      case NOT_FOUND -> "Not found";
      case CONFLICT -> "Conflict with the current state";
      case PRECONDITION_FAILED -> "Precondition failed";
    };
    return new Problem(status, r.code(), title, r.getMessage(),
        r.fields().stream().map(f -> new FieldError(f.field(), f.message())).toList());
  }

  public Problem with(String name, JsonNode value) {
    extra.put(name, value);
    return this;
  }

  public Problem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ObjectNode toJson(String instance) {
    ObjectNode o = Json.object();
    o.put("type", "urn:bidrag:problem:" + type);
    o.put("title", title);
    o.put("status", status);
    o.put("detail", getMessage());
    if (instance != null) {
      o.put("instance", instance);
    }
    if (!errors.isEmpty()) {
      ArrayNode list = o.putArray("errors");
      for (FieldError e : errors) {
        list.addObject().put("field", e.field()).put("pointer", e.pointer()).put("detail", e.message());
      }
    }
    extra.forEach(o::set);
    return o;
  }
}
