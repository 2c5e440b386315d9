package se.bidrag.grant;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A grant as uploadable data: {@code grant.json} (the definition), optionally {@code datasets.json} (the
 * manifest of its input datasets, as the bundled {@code data/datasets.json}) and the data files that manifest
 * names. A grant without its own {@code datasets.json} or files uses the bundled ones. The bundle's identity is
 * the SHA-256 of its {@link #canonical()} form: the files in name order, each as name, length and bytes.
 */
public final class GrantBundle {
  public static final String GRANT_FILE = "grant.json";
  public static final String DATASETS_FILE = "datasets.json";
  /** A plain file name: no directories, not hidden. */
  public static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,119}");
  private static final byte[] MAGIC = "bidrag-grant-bundle/1\n".getBytes(StandardCharsets.UTF_8);

  private final SortedMap<String, byte[]> files;

  public GrantBundle(Map<String, byte[]> files) {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    files.forEach((name, bytes) -> {
      if (!FILE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("not a plain file name: " + name);
      }
      copy.put(name, bytes.clone());
    });
    if (!copy.containsKey(GRANT_FILE)) {
      throw new IllegalArgumentException("a grant bundle has a " + GRANT_FILE);
    }
    this.files = Collections.unmodifiableSortedMap(copy);
  }

  /**
   * The bundle in a directory: every regular file in it (not in subdirectories; hidden files are skipped).
   * A directory without {@code grant.json}, or with a file whose name is not plain, is refused, naming it.
   */
  public static GrantBundle read(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new GrantDefinitionException(directory + ": is not a directory");
    }
    Map<String, byte[]> files = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path p : list.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") || !Files.isRegularFile(p)) {
          continue;
        }
        if (!FILE_NAME.matcher(name).matches()) {
          problems.add(p + ": not a plain file name (letters, digits, '.', '_', '-')");
          continue;
        }
        files.put(name, Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!files.containsKey(GRANT_FILE)) {
      problems.add(directory.resolve(GRANT_FILE) + ": is missing (a grant bundle is a directory with grant.json)");
    }
    if (!problems.isEmpty()) {
      throw new GrantDefinitionException(problems);
    }
    return new GrantBundle(files);
  }

  /** The files by name, {@code grant.json} among them. */
  public SortedMap<String, byte[]> files() {
    return files;
  }

  /** The files other than {@code grant.json}: the grant's own input datasets (empty: the bundled ones). */
  public SortedMap<String, byte[]> dataFiles() {
    TreeMap<String, byte[]> out = new TreeMap<>(files);
    out.remove(GRANT_FILE);
    return Collections.unmodifiableSortedMap(out);
  }

  public String grantJson() {
    return new String(files.get(GRANT_FILE), StandardCharsets.UTF_8);
  }

  /** The canonical form: a header, then per file in name order: name, newline, length, newline, bytes, newline. */
  public byte[] canonical() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    files.forEach((name, bytes) -> {
      out.writeBytes((name + "\n" + bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
      out.writeBytes(bytes);
      out.write('\n');
    });
    return out.toByteArray();
  }

  /** The bundle written by {@link #canonical()}; anything else is refused. */
  public static GrantBundle fromCanonical(byte[] bytes) {
    if (bytes.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not a canonical grant bundle");
    }
    Map<String, byte[]> files = new TreeMap<>();
    int at = MAGIC.length;
    while (at < bytes.length) {
      int nl = indexOf(bytes, at);
      String name = new String(bytes, at, nl - at, StandardCharsets.UTF_8);
      int nl2 = indexOf(bytes, nl + 1);
      int length = Integer.parseInt(new String(bytes, nl + 1, nl2 - nl - 1, StandardCharsets.UTF_8));
      int from = nl2 + 1;
      if (length < 0 || from + length >= bytes.length || bytes[from + length] != '\n') {
        throw new IllegalArgumentException("a canonical grant bundle is cut short in " + name);
      }
      files.put(name, Arrays.copyOfRange(bytes, from, from + length));
      at = from + length + 1;
    }
    return new GrantBundle(files);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("a canonical grant bundle is cut short");
  }

  /** SHA-256 of the canonical form, hex: equal bundles, equal digests. */
  public String sha256() {
    return sha256(canonical());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Total size of the files in bytes. */
  public long size() {
    return files.values().stream().mapToLong(b -> b.length).sum();
  }
}
