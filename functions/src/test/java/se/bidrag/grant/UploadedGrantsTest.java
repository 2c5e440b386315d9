package se.bidrag.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.BundleDataCheck;

/** A function's catalog: bundled grants without a call, uploaded ones read once a minute, versions once. */
class UploadedGrantsTest {
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-06-01T08:00:00Z"));

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void pass(Duration d) {
      now.set(now.get().plus(d));
    }
  }

  @Test
  void anUploadIsSeenWithinAMinuteAndACachedAnswerMakesNoCall() throws Exception {
    InMemoryGrantStore store = new InMemoryGrantStore();
    MovableClock clock = new MovableClock();
    GrantCatalog catalog = GrantCatalog.withStore(store, clock);
    String id = "god-och-nara-vard-2026-exempel";

    assertTrue(catalog.find("god-och-nara-vard-2025").isPresent());
    assertEquals(0, store.latestCalls, "a bundled grant is found without the store");
    assertTrue(catalog.find(id).isEmpty());
    assertEquals(1, store.latestCalls);

    new GrantUploads(store, GrantCatalog.withStore(store, clock), new BundleDataCheck(), clock)
        .upload(GrantBundle.read(GrantUploadsTest.EXAMPLE), "test");
    int before = store.latestCalls;
    assertTrue(catalog.find(id).isEmpty(), "within the minute the cached answer stands");
    assertEquals(before, store.latestCalls, "and costs no call");

    clock.pass(Duration.ofSeconds(60));
    assertEquals(2026, catalog.find(id).orElseThrow().grantYear());
    assertEquals(before + 1, store.latestCalls);
    catalog.find(id);
    catalog.find(id);
    assertEquals(before + 1, store.latestCalls);
    assertEquals(1, store.reads, "a version is read once");
    assertEquals(java.util.List.of("god-och-nara-vard-2025", "smoke-test", id), catalog.ids());
    assertTrue(catalog.scheduled().stream().anyMatch(g -> g.id().equals(id)));
    assertEquals(java.util.List.of("god-och-nara-vard-2025", "smoke-test"), GrantCatalog.bundled().ids());
  }
}
