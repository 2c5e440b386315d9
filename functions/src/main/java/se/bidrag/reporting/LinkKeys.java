package se.bidrag.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import se.bidrag.json.Json;

/**
 * The HMAC keys of the personal reporting links, each with its key id ({@code kid}): the current key
 * signs new links; the previous one (during a rotation) still verifies the links it signed; any other
 * key id is retired and its links are refused. Read from the secret's value:
 *
 * <pre>{"kid": "k2", "key": "&lt;base64, at least 32 bytes&gt;", "previous": {"kid": "k1", "key": "..."}}</pre>
 *
 * The first value is what CloudFormation generates ({@code {"kid": "k1", "key": "<64 letters and digits>"}},
 * which is valid base64); a rotation writes a new kid/key and moves the old pair under {@code previous}.
 */
public final class LinkKeys {
  private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MIN_KEY_BYTES = 32;

  /** One key and its id. */
  public record Key(String kid, byte[] secret) {
    /** Never the key itself. */
    @Override
    public String toString() {
      return "Key[kid=" + kid + "]";
    }
  }

  private final Key current;
  private final Key previous;

  public LinkKeys(Key current, Key previous) {
    this.current = current;
    this.previous = previous;
    if (previous != null && previous.kid().equals(current.kid())) {
      throw new IllegalStateException("the report link keys: the previous key has the current key's id " + current.kid());
    }
  }

  /** The secret's value as stored; a malformed value is a deployment error, named (never with the key in it). */
  public static LinkKeys parse(String secretValue) {
    JsonNode root;
    try {
      root = Json.parse(secretValue);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("the report link keys' secret is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalStateException("the report link keys' secret must be a JSON object {kid, key, previous?}");
    }
    Key current = key(root, "");
    Key previous = root.hasNonNull("previous") ? key(root.get("previous"), "previous.") : null;
    return new LinkKeys(current, previous);
  }

  private static Key key(JsonNode o, String where) {
    String kid = o.path("kid").asText("");
    if (!KID.matcher(kid).matches()) {
      throw new IllegalStateException("the report link keys' secret: " + where + "kid must be 1-64 letters, digits, '.', '_' or '-'");
    }
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(o.path("key").asText(""));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the report link keys' secret: " + where + "key is not base64");
    }
    if (secret.length < MIN_KEY_BYTES) {
      throw new IllegalStateException("the report link keys' secret: " + where + "key must be at least "
          + MIN_KEY_BYTES + " bytes (256 bits)");
    }
    return new Key(kid, secret);
  }

  /** The key new links are signed with. */
  public Key current() {
    return current;
  }

  /** The key a link names, if it is still valid (current or previous). */
  public Optional<Key> find(String kid) {
    if (current.kid().equals(kid)) {
      return Optional.of(current);
    }
    return previous != null && previous.kid().equals(kid) ? Optional.of(previous) : Optional.empty();
  }

  /** The value of the secret after a rotation: {@code next} becomes current, the current key previous. */
  public static String rotated(String secretValue, String nextKid, byte[] nextKey) {
    LinkKeys now = parse(secretValue);
    var o = Json.object().put("kid", nextKid).put("key", Base64.getEncoder().encodeToString(nextKey));
    o.putObject("previous").put("kid", now.current.kid()).put("key", Base64.getEncoder().encodeToString(now.current.secret()));
    String value = Json.write(o);
    parse(value);
    return value;
  }

  /** A first value: one current key. */
  public static String initial(String kid, byte[] key) {
    String value = Json.write(Json.object().put("kid", kid).put("key", Base64.getEncoder().encodeToString(key)));
    parse(value);
    return value;
  }

  @Override
  public String toString() {
    return "LinkKeys[current=" + current.kid() + ", previous=" + (previous == null ? "none" : previous.kid()) + "]";
  }
}
