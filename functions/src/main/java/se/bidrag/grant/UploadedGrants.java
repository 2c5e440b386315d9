package se.bidrag.grant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The uploaded grants as one function environment sees them: each grant's latest version is looked up at
 * most once per {@link #TTL} (by the environment's clock), and a version's bundle, immutable, is read and
 * parsed once. A cached answer makes no call; an upload is seen within {@link #TTL}, without a redeploy.
 */
final class UploadedGrants {
  /** How long a function environment trusts what it read of the store. */
  static final Duration TTL = Duration.ofSeconds(60);

  /** A served uploaded grant: its version, definition and bundle. */
  record Served(GrantStore.Version version, GrantDefinition definition, GrantBundle bundle) {}

  private record Entry<T>(T value, Instant readAt) {}

  private final GrantStore store;
  private final Clock clock;
  private final Map<String, Entry<Optional<GrantStore.Version>>> latest = new ConcurrentHashMap<>();
  private final Map<String, Served> versions = new ConcurrentHashMap<>();
  private volatile Entry<List<GrantStore.Version>> all;

  UploadedGrants(GrantStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  Optional<Served> find(String grantId) {
    Instant now = clock.instant();
    Entry<Optional<GrantStore.Version>> e = latest.get(grantId);
    if (e == null || stale(e.readAt(), now)) {
      Entry<List<GrantStore.Version>> list = all;
      Optional<GrantStore.Version> v = list != null && !stale(list.readAt(), now)
          ? list.value().stream().filter(x -> x.grantId().equals(grantId)).findFirst()
          : store.latest(grantId);
      e = new Entry<>(v, now);
      latest.put(grantId, e);
    }
    return e.value().map(this::served);
  }

  /** Every uploaded grant's latest version (one query per {@link #TTL}). */
  List<GrantStore.Version> all() {
    Instant now = clock.instant();
    Entry<List<GrantStore.Version>> list = all;
    if (list == null || stale(list.readAt(), now)) {
      list = new Entry<>(List.copyOf(store.latest()), now);
      all = list;
      for (GrantStore.Version v : list.value()) {
        latest.put(v.grantId(), new Entry<>(Optional.of(v), now));
      }
    }
    return list.value();
  }

  private Served served(GrantStore.Version v) {
    return versions.computeIfAbsent(v.grantId() + "#" + v.number(), k -> {
      GrantBundle bundle = store.read(v.grantId(), v.number()).orElseThrow(() -> new GrantStore.CorruptVersionException(
          "grant " + v.grantId() + " version " + v.number() + " is listed but not stored"));
      return new Served(v, GrantCatalog.parse(v.grantId() + " version " + v.number(), bundle.grantJson()), bundle);
    });
  }

  /** Stale after the TTL, or when the clock went back (a local clock set to an earlier day). */
  private static boolean stale(Instant readAt, Instant now) {
    return now.isBefore(readAt) || !now.isBefore(readAt.plus(TTL));
  }
}
