package se.bidrag.grant;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The grants a deployment serves: those bundled as {@code grants/<id>.json} on the classpath, loaded strictly,
 * and, with a {@link GrantStore}, those uploaded as data ({@code ./bidrag grant upload}), each at its latest
 * version. An uploaded grant may not take a bundled grant's id (the upload is refused), so a bundled id is
 * answered without looking at the store. Lookups of uploaded grants are cached per catalog for
 * {@link UploadedGrants#TTL} (one catalog per function environment: {@code GrantCatalogs.of(Platform)}).
 */
public final class GrantCatalog {
  private static final Pattern ID = GrantParser.ID;
  private static final GrantCatalog BUNDLED = new GrantCatalog(null);

  private final Map<String, Optional<GrantDefinition>> cache = new ConcurrentHashMap<>();
  private final UploadedGrants uploaded;

  private GrantCatalog(UploadedGrants uploaded) {
    this.uploaded = uploaded;
  }

  /** The bundled grants alone (tests, the command line's offline commands). */
  public static GrantCatalog bundled() {
    return BUNDLED;
  }

  /** The bundled grants and the store's uploaded ones; {@code clock} times the cache. */
  public static GrantCatalog withStore(GrantStore store, java.time.Clock clock) {
    return new GrantCatalog(new UploadedGrants(store, clock));
  }

  /** The grant with this id, or empty if there is no such grant. */
  public Optional<GrantDefinition> find(String grantId) {
    if (grantId == null || !ID.matcher(grantId).matches()) {
      return Optional.empty();
    }
    Optional<GrantDefinition> bundled = cache.computeIfAbsent(grantId, this::load);
    if (bundled.isPresent() || uploaded == null) {
      return bundled;
    }
    return uploaded.find(grantId).map(UploadedGrants.Served::definition);
  }

  /** Whether the id is a grant bundled with the deployment (an upload may not take it). */
  public boolean isBundled(String grantId) {
    return grantId != null && ID.matcher(grantId).matches() && cache.computeIfAbsent(grantId, this::load).isPresent();
  }

  /** The stored version an uploaded grant is served at; empty for a bundled or unknown grant. */
  public Optional<GrantStore.Version> version(String grantId) {
    if (uploaded == null || isBundled(grantId) || grantId == null || !ID.matcher(grantId).matches()) {
      return Optional.empty();
    }
    return uploaded.find(grantId).map(UploadedGrants.Served::version);
  }

  /**
   * An uploaded grant's own input files ({@code datasets.json} and the data it names), which its allocation
   * reads before the bundled ones; empty for a bundled grant or one uploaded without data.
   */
  public Map<String, byte[]> dataFiles(String grantId) {
    if (uploaded == null || isBundled(grantId) || grantId == null || !ID.matcher(grantId).matches()) {
      return Map.of();
    }
    return uploaded.find(grantId).map(s -> (Map<String, byte[]>) s.bundle().dataFiles()).orElse(Map.of());
  }

  /**
   * The grants this deployment serves: the ids listed in {@code grants/index.txt}, one a line (a test proves
   * the list names exactly the bundled definition files), then the uploaded grants by id.
   */
  public List<String> ids() {
    if (uploaded == null) {
      return INDEX.get();
    }
    List<String> out = new ArrayList<>(INDEX.get());
    uploaded.all().forEach(v -> out.add(v.grantId()));
    return out;
  }

  /** The bundled grants alone, as {@code grants/index.txt} lists them. */
  public List<String> bundledIds() {
    return INDEX.get();
  }

  /** The grants the daily jobs run for, in the order of {@link #ids()} (all but the smoke-test grant). */
  public List<GrantDefinition> scheduled() {
    return ids().stream().map(this::require).filter(GrantDefinition::scheduledJobs).toList();
  }
  /** The ids of {@link #scheduled()}: what a daily job runs for. */
  public List<String> scheduledIds() {
    return scheduled().stream().map(GrantDefinition::id).toList();
  }

  /** The ids of the scheduled grants with reporting configured: what the reporting and invoicing runs go through. */
  public List<String> reportingIds() {
    return scheduled().stream().filter(g -> g.reporting() != null).map(GrantDefinition::id).toList();
  }


  /**
   * The organisation numbers of the agencies that administer the bundled grants (an uploaded grant must name
   * one of them: the agency's tokens are recognised by these numbers).
   */
  public Set<String> agencyOrgnrs() {
    Set<String> out = new java.util.TreeSet<>();
    for (String id : INDEX.get()) {
      out.add(require(id).agency().orgnr());
    }
    return out;
  }

  private static final se.bidrag.util.Memo<List<String>> INDEX = new se.bidrag.util.Memo<>(() -> {
    InputStream in = GrantCatalog.class.getClassLoader().getResourceAsStream("grants/index.txt");
    if (in == null) {
      throw new GrantDefinitionException("grants/index.txt is missing: it lists the bundled grants");
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  public GrantDefinition require(String grantId) {
    return find(grantId).orElseThrow(() -> new GrantDefinitionException("no grant definition grants/" + grantId
        + ".json" + (uploaded == null ? "" : " and no uploaded grant " + grantId)));
  }

  private Optional<GrantDefinition> load(String grantId) {
    String file = "grants/" + grantId + ".json";
    InputStream in = GrantCatalog.class.getClassLoader().getResourceAsStream(file);
    if (in == null) {
      return Optional.empty();
    }
    try (in) {
      GrantDefinition grant = parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!grant.id().equals(grantId)) {
        throw new GrantDefinitionException(file + ": id: is '" + grant.id() + "', expected '" + grantId + "'");
      }
      return Optional.of(grant);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses and checks a definition; every problem names the file and the field, and a definition with several
   * problems is refused with all of them ({@link GrantDefinitionException#problems()}).
   */
  public static GrantDefinition parse(String file, String text) {
    return GrantParser.parse(file, text);
  }
}
