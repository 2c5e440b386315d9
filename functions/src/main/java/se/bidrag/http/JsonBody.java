package se.bidrag.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import se.bidrag.grant.Refusal;

/**
 * Reads a JSON request body strictly. Shape errors (unknown fields, wrong JSON types) are collected
 * and answered 400, naming every field; rule errors (missing values, out of range, not an e-mail)
 * are collected and answered 422. Nothing is half-read: {@link #check()} throws before any use.
 */
public final class JsonBody {
  private static final Pattern EMAIL = Pattern.compile(
      "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$");

  private final JsonNode root;
  private final List<Problem.FieldError> shape = new ArrayList<>();
  private final List<Refusal.FieldError> rules = new ArrayList<>();

  public JsonBody(JsonNode root, Set<String> allowed) {
    this.root = root;
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        shape.add(new Problem.FieldError(name, "unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed))));
      }
    }
  }

  public void shapeError(String field, String message) {
    shape.add(new Problem.FieldError(field, message));
  }

  public void ruleError(String field, String message) {
    rules.add(new Refusal.FieldError(field, message));
  }

  /** Throws 400 for shape errors, else 422 for rule errors; returns when the body is clean. */
  public void check() {
    if (!shape.isEmpty()) {
      Problem.FieldError first = shape.get(0);
      throw new Problem(400, "invalid-request", "The request body does not have the documented shape",
          shape.size() == 1 ? first.field() + ": " + first.message()
              : shape.size() + " fields are wrong; first " + first.field() + ": " + first.message(), shape);
    }
    if (!rules.isEmpty()) {
      throw Refusal.invalid(rules);
    }
  }

  public JsonNode node() {
    return root;
  }

  private JsonNode present(JsonNode parent, String name, String path) {
    JsonNode v = parent.get(name);
    if (v == null || v.isNull()) {
      ruleError(path, "is required");
      return null;
    }
    return v;
  }

  /** A required non-blank string of at most maxLength characters. */
  public String text(String name, int maxLength) {
    return text(root, name, name, maxLength);
  }

  public String text(JsonNode parent, String name, String path, int maxLength) {
    JsonNode v = present(parent, name, path);
    if (v == null) {
      return null;
    }
    if (!v.isTextual()) {
      shapeError(path, "must be a string, not " + kind(v));
      return null;
    }
    String s = v.asText().strip();
    if (s.isEmpty()) {
      ruleError(path, "must not be empty");
    } else if (s.length() > maxLength) {
      ruleError(path, "is longer than " + maxLength + " characters");
    }
    return s;
  }

  public Optional<String> optionalText(String name, int maxLength) {
    return root.hasNonNull(name) ? Optional.ofNullable(text(name, maxLength)) : Optional.empty();
  }

  /** A required e-mail address (syntax only). */
  public String email(JsonNode parent, String name, String path) {
    String s = text(parent, name, path, 254);
    if (s != null && !s.isEmpty() && !EMAIL.matcher(s).matches()) {
      ruleError(path, "'" + s + "' is not an e-mail address");
    }
    return s;
  }

  public String email(String name) {
    return email(root, name, name);
  }

  public Boolean bool(String name) {
    JsonNode v = present(root, name, name);
    if (v == null) {
      return null;
    }
    if (!v.isBoolean()) {
      shapeError(name, "must be true or false, not " + kind(v));
      return null;
    }
    return v.booleanValue();
  }

  /** A required whole number of kronor (a JSON number without fraction); decimals are a rule error. */
  public Long wholeKronor(String name) {
    JsonNode v = present(root, name, name);
    if (v == null) {
      return null;
    }
    if (!v.isNumber()) {
      shapeError(name, "must be a number (whole kronor), not " + kind(v));
      return null;
    }
    BigDecimal d = v.decimalValue();
    if (d.stripTrailingZeros().scale() > 0) {
      ruleError(name, "must be whole kronor, not " + d.toPlainString());
      return null;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      ruleError(name, "is out of range");
      return null;
    }
  }

  public JsonNode array(String name) {
    JsonNode v = present(root, name, name);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      shapeError(name, "must be an array, not " + kind(v));
      return null;
    }
    return v;
  }

  public JsonNode object(String name, Set<String> allowed) {
    JsonNode v = present(root, name, name);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      shapeError(name, "must be an object, not " + kind(v));
      return null;
    }
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        shapeError(name + "." + f, "unknown field; allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
    return v;
  }

  static String kind(JsonNode v) {
    if (v.isTextual()) {
      return "a string";
    }
    if (v.isNumber()) {
      return "a number";
    }
    if (v.isBoolean()) {
      return "a boolean";
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "null";
  }
}
