package se.bidrag.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A function's environment, read the one way every configuration reads it: each read names its
 * variable, and a variable that is missing (where it is required) or malformed fails with a message
 * that names it. Blank counts as not set. Only the configuration records (one per function, read
 * once when the function initialises) and the {@link Platform} read through this.
 */
public final class Settings {
  private final Map<String, String> env;

  private Settings(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static Settings of(Map<String, String> env) {
    return new Settings(env);
  }

  /** The variables as given. */
  public Map<String, String> asMap() {
    return env;
  }

  /** A required setting; a missing one is a deployment error, named. */
  public String require(String name) {
    return optional(name).orElseThrow(() -> new IllegalStateException("environment variable " + name + " is not set"));
  }

  /** A setting that may be absent (or blank). */
  public Optional<String> optional(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public String optional(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  /** Whether the variable is present at all, even blank. */
  public boolean isDefined(String name) {
    return env.containsKey(name);
  }

  /** An optional whole number, at least {@code min}. */
  public int integer(String name, int fallback, int min) {
    Optional<String> v = optional(name);
    if (v.isEmpty()) {
      return fallback;
    }
    int n;
    try {
      n = Integer.parseInt(v.get().strip());
    } catch (NumberFormatException e) {
      throw malformed(name, "is not a whole number: '" + v.get() + "'");
    }
    if (n < min) {
      throw malformed(name, "must be at least " + min + ", not " + n);
    }
    return n;
  }

  /** A required absolute http(s) address. */
  public URI url(String name) {
    return url(name, require(name));
  }

  /** An optional absolute http(s) address. */
  public Optional<URI> optionalUrl(String name) {
    return optional(name).map(v -> url(name, v));
  }

  private static URI url(String name, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw malformed(name, "is not a URL: '" + value + "' (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (!uri.isAbsolute() || uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
      throw malformed(name, "is not an absolute http(s) URL: '" + value + "'");
    }
    return uri;
  }

  /** An optional file system path (whether it exists is for its user to judge). */
  public Optional<Path> optionalPath(String name) {
    return optional(name).map(v -> {
      try {
        return Path.of(v);
      } catch (InvalidPathException e) {
        throw malformed(name, "is not a path: '" + v + "'");
      }
    });
  }

  /** A required setting that must match {@code pattern} ({@code what} says what it should be). */
  public String matching(String name, Pattern pattern, String what) {
    String v = require(name);
    if (!pattern.matcher(v).matches()) {
      throw malformed(name, "is not " + what + ": '" + v + "'");
    }
    return v;
  }

  /** An optional setting that, when set, must match {@code pattern}. */
  public Optional<String> optionalMatching(String name, Pattern pattern, String what) {
    Optional<String> v = optional(name);
    if (v.isPresent() && !pattern.matcher(v.get()).matches()) {
      throw malformed(name, "is not " + what + ": '" + v.get() + "'");
    }
    return v;
  }

  private static IllegalStateException malformed(String name, String problem) {
    return new IllegalStateException("environment variable " + name + " " + problem);
  }
}
