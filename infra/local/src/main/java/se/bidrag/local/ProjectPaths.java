package se.bidrag.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the project's files are, from wherever the JVM was started (project root or a module). */
public final class ProjectPaths {
  private ProjectPaths() {}

  public static Path root() {
    Optional<Path> configured = LocalEnvironment.projectRoot();
    if (configured.isPresent()) {
      return configured.get();
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve("template.yaml")) && Files.isDirectory(p.resolve("functions"))) {
        return p;
      }
      p = p.getParent();
    }
    throw new IllegalStateException("cannot find the project root (a directory with template.yaml and functions/)");
  }

  public static Path template() {
    return root().resolve("template.yaml");
  }

  public static Path lambdaJar() {
    return root().resolve("functions/target/bidrag-functions-lambda.jar");
  }
}
