package se.bidrag.grant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The store's rules in memory: versions written once, the latest served, bodies verified by their digest. */
class InMemoryGrantStore implements GrantStore {
  final Map<String, Map<Integer, Version>> versions = new TreeMap<>();
  final Map<String, byte[]> bodies = new TreeMap<>();
  int latestCalls;
  int listCalls;
  int reads;

  @Override
  public synchronized Optional<Version> latest(String grantId) {
    latestCalls++;
    return Optional.ofNullable(versions.get(grantId)).flatMap(m -> m.values().stream()
        .max(Comparator.comparingInt(Version::number)));
  }

  @Override
  public synchronized List<Version> latest() {
    listCalls++;
    List<Version> out = new ArrayList<>();
    versions.values().forEach(m -> m.values().stream().max(Comparator.comparingInt(Version::number)).ifPresent(out::add));
    return out;
  }

  @Override
  public synchronized List<Version> versions(String grantId) {
    return new ArrayList<>(versions.getOrDefault(grantId, Map.of()).values());
  }

  @Override
  public synchronized Optional<GrantBundle> read(String grantId, int number) {
    reads++;
    Version v = versions.getOrDefault(grantId, Map.of()).get(number);
    if (v == null) {
      return Optional.empty();
    }
    byte[] body = bodies.get(grantId + "#" + number);
    if (!GrantBundle.sha256(body).equals(v.sha256())) {
      throw new CorruptVersionException("grant " + grantId + " version " + number + ": checksum");
    }
    return Optional.of(GrantBundle.fromCanonical(body));
  }

  @Override
  public synchronized boolean put(Version version, GrantBundle bundle) {
    Map<Integer, Version> m = versions.computeIfAbsent(version.grantId(), k -> new TreeMap<>());
    if (m.containsKey(version.number())) {
      return false;
    }
    m.put(version.number(), version);
    bodies.put(version.grantId() + "#" + version.number(), bundle.canonical());
    return true;
  }
}
