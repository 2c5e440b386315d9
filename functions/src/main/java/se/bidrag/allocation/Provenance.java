package se.bidrag.allocation;

import java.util.List;

/**
 * Where an input file came from and how far it can be trusted.
 *
 * @param status {@code official} (figures as published by the source) or {@code illustrative}
 *     (derived stand-in, not the official figures)
 * @param sha256 hex digest of the file as loaded
 * @param imported how the file was made from the agency's own file ({@code ./bidrag data import}), or null
 *     for a file that was not imported that way (the bundled files, a hand-made drop-in)
 */
public record Provenance(String dataset, String file, String status, String source, String vintage, String note,
    int rows, String sha256, Import imported) {

  public static final String OFFICIAL = "official";
  public static final String ILLUSTRATIVE = "illustrative";

  public boolean illustrative() {
    return ILLUSTRATIVE.equals(status);
  }

  /**
   * The import that wrote the file: the agency's original file (name and SHA-256), the reader and the layout it
   * found, and the reader's validation report (what was checked, and the warnings).
   */
  public record Import(String originalFile, String originalSha256, String reader, String layout, List<String> checks,
      List<String> warnings) {
    public Import {
      checks = List.copyOf(checks);
      warnings = List.copyOf(warnings);
    }
  }
}
