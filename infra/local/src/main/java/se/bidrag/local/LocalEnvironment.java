package se.bidrag.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the local tools take from the process environment, read in this one place: where the project
 * is ({@code BIDRAG_ROOT}), where programs are ({@code PATH}, for Node.js and for child processes),
 * and LocalStack's licence token where one is set ({@code LOCALSTACK_AUTH_TOKEN}). The functions read
 * their own configuration through {@code se.bidrag.platform.Settings}.
 */
public final class LocalEnvironment {
  private LocalEnvironment() {}

  /** {@code -Dbidrag.root} or {@code BIDRAG_ROOT}, when set. */
  static Optional<Path> projectRoot() {
    String configured = System.getProperty("bidrag.root", System.getenv("BIDRAG_ROOT"));
    return configured == null || configured.isBlank() ? Optional.empty()
        : Optional.of(Path.of(configured).toAbsolutePath().normalize());
  }

  /** The search path for programs, as the shell has it ("" when unset). */
  public static String path() {
    String path = System.getenv("PATH");
    return path == null ? "" : path;
  }

  /** An executable program on {@link #path()}. */
  public static Optional<Path> executable(String name) {
    for (String dir : path().split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Optional.of(Path.of(dir, name));
      }
    }
    return Optional.empty();
  }

  /** LocalStack's auth token for its newer images ({@code -Plocalstack}), when set. */
  public static Optional<String> localStackAuthToken() {
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    return token == null || token.isBlank() ? Optional.empty() : Optional.of(token);
  }
}
