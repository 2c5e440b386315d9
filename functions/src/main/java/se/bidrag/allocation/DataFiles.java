package se.bidrag.allocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds base-data files: first in an optional directory (where official files are dropped in),
 * then among the files bundled on the classpath under {@code data/}.
 */
public final class DataFiles {
  private final Path overrideDirectory;

  private DataFiles(Path overrideDirectory) {
    this.overrideDirectory = overrideDirectory;
  }

  public static DataFiles bundled() {
    return new DataFiles(null);
  }

  /** Files in {@code directory} win over the bundled ones; null means bundled only. */
  public static DataFiles withOverride(Path directory) {
    if (directory != null && !Files.isDirectory(directory)) {
      throw new DataException(directory.toString(), 0, null, "data directory does not exist");
    }
    return new DataFiles(directory);
  }

  /** With the override directory, if there is one. */
  public static DataFiles of(Optional<Path> overrideDirectory) {
    return overrideDirectory.map(DataFiles::withOverride).orElseGet(DataFiles::bundled);
  }

  /** The file's bytes and where they were found, or empty if it exists nowhere. */
  public Optional<Found> read(String file) {
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new IllegalArgumentException("not a plain file name: " + file);
    }
    try {
      if (overrideDirectory != null) {
        Path p = overrideDirectory.resolve(file);
        if (Files.isRegularFile(p)) {
          return Optional.of(new Found(Files.readAllBytes(p), p.toString()));
        }
      }
      try (InputStream in = DataFiles.class.getClassLoader().getResourceAsStream("data/" + file)) {
        return in == null ? Optional.empty() : Optional.of(new Found(in.readAllBytes(), file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's content and a name for messages. */
  public record Found(byte[] bytes, String location) {}
}
