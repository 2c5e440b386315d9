package se.bidrag.allocation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import se.bidrag.access.Caller;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.json.Json;

/**
 * Computes a grant's allocation from its definition and base data, publishes it (on a production stage only
 * from official inputs), compares it with what is published, and reads what is published.
 */
public final class AllocationService {
  private final GrantCatalog catalog;
  private final DataFiles files;
  private final AllocationStore store;
  private final Clock clock;
  private final Stage stage;
  private final Map<String, Allocation> computed = new ConcurrentHashMap<>();
  private final Map<String, Allocation> bundled = new ConcurrentHashMap<>();

  /** For computing and reading only: publishing is guarded as on a production stage. */
  public AllocationService(GrantCatalog catalog, DataFiles files, AllocationStore store, Clock clock) {
    this(catalog, files, store, clock, Stage.PRODUCTION);
  }

  public AllocationService(GrantCatalog catalog, DataFiles files, AllocationStore store, Clock clock, Stage stage) {
    this.catalog = catalog;
    this.files = files;
    this.store = store;
    this.clock = clock;
    this.stage = stage;
  }

  public Stage stage() {
    return stage;
  }

  /** The allocation computed from the bundled (or dropped-in) data; cached, since the inputs do not change. */
  public Optional<Allocation> compute(String grantId) {
    Optional<GrantDefinition> grant = catalog.find(grantId);
    // an uploaded grant is computed per version: its definition and its own data files are the version's
    String key = grantId + catalog.version(grantId).map(v -> "@" + v.number()).orElse("");
    return grant.map(g -> computed.computeIfAbsent(key, k -> new AllocationEngine().allocate(g,
        new BaseDataLoader(files.withGrantFiles(catalog.dataFiles(g.id()))).load(g))));
  }

  /** The result of publishing. */
  public record Published(AllocationStore.Outcome outcome, Allocation allocation, String allocationHash) {}

  /**
   * Publishes the allocation computed now. On a production stage an allocation with any illustrative input is
   * refused ({@link IllustrativeInputsException}) before anything is written.
   */
  public Optional<Published> publish(String grantId, Caller by) {
    return compute(grantId).map(a -> {
      if (!stage.mayPublish(a)) {
        throw new IllustrativeInputsException(grantId, stage, a.illustrativeInputs());
      }
      String hash = hash(a);
      return new Published(store.publish(a, hash, clock.instant(), by), a, hash);
    });
  }

  /** What the current inputs are compared with: the published allocation, or the inputs bundled in the jar. */
  public enum Against { PUBLISHED, BUNDLED }

  /**
   * The allocation publishing now would give, against the published one (404 while nothing is published) or
   * against the bundled inputs' allocation.
   */
  public AllocationDiff diff(GrantDefinition grant, Against against) {
    Allocation now = compute(grant.id()).orElseThrow();
    AllocationDiff.Side previous;
    if (against == Against.BUNDLED) {
      String key = grant.id() + catalog.version(grant.id()).map(v -> "@" + v.number()).orElse("");
      Allocation shipped = bundled.computeIfAbsent(key, k -> new AllocationEngine().allocate(grant,
          new BaseDataLoader(DataFiles.bundled().withGrantFiles(catalog.dataFiles(grant.id()))).load(grant)));
      previous = AllocationDiff.Side.of("the inputs bundled with this version", shipped);
    } else {
      AllocationStore.PublishedGrant p = store.grant(grant.id()).filter(AllocationStore.PublishedGrant::isPublished)
          .orElseThrow(() -> Refusal.notFound("against", "the allocation of " + grant.id()
              + " is not published; compare with against=bundled"));
      JsonNode summary;
      try {
        summary = Json.parse(p.attributes().getOrDefault("summary", "{}"));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("stored summary of " + grant.id() + " is not readable", e);
      }
      previous = AllocationDiff.Side.published("published " + p.publishedAt() + " by " + p.publishedBy(), p,
          store.allocations(grant.id()), summary.path("inputs"));
    }
    return AllocationDiff.between(grant, previous, AllocationDiff.Side.of("the inputs publishing would use now", now));
  }

  /** The grant's definition; 404 for an unknown grant. */
  public GrantDefinition grant(String grantId) {
    return catalog.find(grantId).orElseThrow(() -> unknownGrant(grantId));
  }

  static Refusal unknownGrant(String grantId) {
    return Refusal.notFound("grantId", "no grant " + grantId);
  }

  /** The grant's published state, if its publishing has begun. */
  public Optional<AllocationStore.PublishedGrant> state(GrantDefinition grant) {
    return store.grant(grant.id());
  }

  /** The grant's published state; 404 while the allocation is not published. */
  public AllocationStore.PublishedGrant published(GrantDefinition grant) {
    return store.grant(grant.id()).filter(AllocationStore.PublishedGrant::isPublished)
        .orElseThrow(() -> Refusal.notFound("grantId", "the allocation of " + grant.id() + " is not published yet"));
  }

  public List<AllocationStore.StoredAllocation> allocations(GrantDefinition grant) {
    return store.allocations(grant.id());
  }

  /** One recipient's published allocation; 404 for a recipient the grant does not have. */
  public AllocationStore.StoredAllocation allocation(GrantDefinition grant, String recipientId) {
    return store.allocation(grant.id(), recipientId)
        .orElseThrow(() -> Refusal.notFound("recipientId", "grant " + grant.id() + " has no recipient " + recipientId));
  }

  /** SHA-256 of the allocation's canonical JSON: the same figures and inputs give the same hash. */
  public static String hash(Allocation allocation) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          Json.write(AllocationJson.allocation(allocation, null)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
