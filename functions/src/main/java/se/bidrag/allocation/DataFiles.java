package se.bidrag.allocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds base-data files: first among an uploaded grant's own files (its bundle's {@code datasets.json} and data,
 * when it has them), then in an optional directory (where official files are dropped in), then among the
 * files bundled on the classpath under {@code data/}.
 */
public final class DataFiles {
  private final Path overrideDirectory;
  private final Map<String, byte[]> grantFiles;

  private DataFiles(Path overrideDirectory) {
    this(overrideDirectory, Map.of());
  }

  private DataFiles(Path overrideDirectory, Map<String, byte[]> grantFiles) {
    this.overrideDirectory = overrideDirectory;
    this.grantFiles = grantFiles;
  }

  public static DataFiles bundled() {
    return new DataFiles(null);
  }

  /** These files (an uploaded grant's own, by name) first, then this finder's; no files: this finder. */
  public DataFiles withGrantFiles(Map<String, byte[]> files) {
    return files.isEmpty() ? this : new DataFiles(overrideDirectory, Map.copyOf(files));
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
    byte[] own = grantFiles.get(file);
    if (own != null) {
      return Optional.of(new Found(own.clone(), file));
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
