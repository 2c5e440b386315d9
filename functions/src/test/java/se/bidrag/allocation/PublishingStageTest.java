package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.access.Caller;
import se.bidrag.access.Role;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.platform.Settings;

/**
 * A production stage publishes only official inputs; a test stage may publish illustrative ones, and then every
 * object carrying the figures says "illustrative".
 */
class PublishingStageTest {
  static final String GRANT = "god-och-nara-vard-2025";
  static final Caller AGENCY = new Caller("h1", "2021000555", java.util.Set.of(Role.HANDLAGGARE), "Handläggare",
      java.util.Set.of("bidrag/agency"));
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-03T09:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  /** Remembers what was published; publishing anything else is what the tests look for. */
  static final class RecordingStore implements AllocationStore {
    final List<Allocation> published = new ArrayList<>();

    @Override
    public Outcome publish(Allocation allocation, String allocationHash, Instant at, Caller by) {
      published.add(allocation);
      return Outcome.PUBLISHED;
    }

    @Override
    public Optional<PublishedGrant> grant(String grantId) {
      return Optional.empty();
    }

    @Override
    public List<StoredAllocation> allocations(String grantId) {
      return List.of();
    }

    @Override
    public Optional<StoredAllocation> allocation(String grantId, String recipientId) {
      return Optional.empty();
    }
  }

  static AllocationService service(DataFiles files, RecordingStore store, Stage stage) {
    return new AllocationService(GrantCatalog.bundled(), files, store, CLOCK, stage);
  }

  /** The bundled illustrative figures under the official files' names: a stand-in for imported official files. */
  static Path officialDropIns(Path dir) throws IOException {
    Files.writeString(dir.resolve("landsbygdstyper_official.csv"),
        BaseDataLoaderTest.bundled("landsbygdstyper_illustrative.csv"), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("kommunal_hsv_individer_official.csv"),
        BaseDataLoaderTest.bundled("kommunal_hsv_individer_illustrative.csv"), StandardCharsets.UTF_8);
    return dir;
  }

  @Test
  void productionRefusesIllustrativeInputsNamingThemAndWritesNothing() {
    RecordingStore store = new RecordingStore();
    IllustrativeInputsException e = assertThrows(IllustrativeInputsException.class,
        () -> service(DataFiles.bundled(), store, Stage.PRODUCTION).publish(GRANT, AGENCY));
    assertEquals(List.of("care-recipients", "rural-class"), e.inputs().stream().map(Provenance::dataset).toList());
    assertTrue(e.getMessage().contains("care-recipients (kommunal_hsv_individer_illustrative.csv)"), e.getMessage());
    assertTrue(e.getMessage().contains("rural-class (landsbygdstyper_illustrative.csv)"), e.getMessage());
    assertEquals(List.of(), store.published);
  }

  @Test
  void productionPublishesWhenEveryInputIsOfficial() throws IOException {
    RecordingStore store = new RecordingStore();
    var published = service(DataFiles.withOverride(officialDropIns(dir)), store, Stage.PRODUCTION)
        .publish(GRANT, AGENCY).orElseThrow();
    assertEquals(1, store.published.size());
    assertEquals(List.of(), published.allocation().illustrativeInputs());
    JsonNode body = AllocationJson.published(GRANT, published);
    assertFalse(body.path("illustrative").asBoolean());
    assertTrue(body.path("notice").isMissingNode());
  }

  @Test
  void aTestStagePublishesIllustrativeInputsAndEveryObjectSaysSo() {
    RecordingStore store = new RecordingStore();
    var published = service(DataFiles.bundled(), store, Stage.TEST).publish(GRANT, AGENCY).orElseThrow();
    assertEquals(1, store.published.size());
    JsonNode body = AllocationJson.published(GRANT, published);
    assertTrue(body.path("illustrative").asBoolean());
    assertEquals("[\"care-recipients\",\"rural-class\"]", body.path("illustrativeInputs").toString());
    assertTrue(body.path("notice").asText().startsWith("Illustrativa uppgifter"), body.toString());
    Allocation a = published.allocation();
    JsonNode all = AllocationJson.allocation(a, null);
    assertTrue(all.path("illustrative").asBoolean());
    for (JsonNode r : all.path("allocations")) {
      assertTrue(r.path("illustrative").asBoolean(), r.path("recipientId").asText());
      assertTrue(r.path("notice").asText().contains("illustrativa indata (care-recipients, rural-class)"));
    }
  }

  @Test
  void theStageIsReadFromTheEnvironmentAndMustBeSaid() {
    Map<String, String> base = Map.of("TABLE_NAME", "t");
    assertEquals(Stage.PRODUCTION, AllocationConfig.from(Settings.of(with(base, "production"))).stage());
    assertEquals(Stage.TEST, AllocationConfig.from(Settings.of(with(base, "test"))).stage());
    assertEquals("environment variable BIDRAG_STAGE is not set",
        assertThrows(IllegalStateException.class, () -> AllocationConfig.from(Settings.of(base))).getMessage());
    assertEquals("environment variable BIDRAG_STAGE is not production or test: 'staging'",
        assertThrows(IllegalStateException.class, () -> AllocationConfig.from(Settings.of(with(base, "staging"))))
            .getMessage());
  }

  private static Map<String, String> with(Map<String, String> base, String stage) {
    var m = new java.util.HashMap<>(base);
    m.put("BIDRAG_STAGE", stage);
    return m;
  }
}
