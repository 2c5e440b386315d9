package se.bidrag.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Uploaded grant bundles, each version immutable: version {@code n} of a grant is written once and never
 * changed, with the SHA-256 of its canonical bundle, which every read verifies. The latest version is the
 * one served.
 */
public interface GrantStore {
  /**
   * One stored version of a grant.
   *
   * @param number 1, 2, 3, ... per grant
   * @param sha256 of the bundle's canonical form ({@link GrantBundle#sha256()})
   */
  record Version(String grantId, int number, String sha256, Instant uploadedAt, String uploadedBy, String title) {}

  /** The grant's latest version; empty when it was never uploaded. */
  Optional<Version> latest(String grantId);

  /** Every uploaded grant's latest version, by grant id. */
  List<Version> latest();

  /** Every version of the grant, oldest first. */
  List<Version> versions(String grantId);

  /**
   * The bundle of a version, its checksum verified; empty when there is no such version. A stored body whose
   * digest is not the recorded one is a {@link CorruptVersionException}, never served.
   */
  Optional<GrantBundle> read(String grantId, int number);

  /**
   * Writes a new version; false (nothing written) when that version number exists already, e.g. another
   * upload of the same grant came first.
   */
  boolean put(Version version, GrantBundle bundle);

  /** A stored version that fails its checksum (or cannot be unpacked). */
  final class CorruptVersionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptVersionException(String message) {
      super(message);
    }
  }
}
