package se.bidrag.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.BundleDataCheck;

/** Validation names every problem, several at once; uploads are idempotent and versioned. */
class GrantUploadsTest {
  static final Path EXAMPLE = Path.of("../infra/demo/grants/god-och-nara-vard-2026-exempel");
  static final Clock IN_2025 = Clock.fixed(Instant.parse("2025-06-01T08:00:00Z"), ZoneOffset.UTC);

  static GrantUploads validator(Clock clock) {
    return new GrantUploads(null, GrantCatalog.bundled(), new BundleDataCheck(), clock);
  }

  static String example() throws IOException {
    return Files.readString(EXAMPLE.resolve("grant.json"));
  }

  static GrantBundle bundle(String grantJson, Map<String, String> more) {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("grant.json", grantJson.getBytes(StandardCharsets.UTF_8));
    more.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return new GrantBundle(files);
  }

  @Test
  void theDemosExampleBundleHasNoProblemAndItsOwnInvoiceSeries() throws IOException {
    GrantBundle b = GrantBundle.read(EXAMPLE);
    assertEquals(List.of(), validator(IN_2025).problems(b));
    GrantDefinition g = GrantCatalog.parse("grant.json", b.grantJson());
    assertEquals(1, g.invoicing().series());
    assertEquals(0, GrantCatalog.bundled().require("god-och-nara-vard-2025").invoicing().series());
  }

  @Test
  void everyProblemIsNamedAtOnce() throws IOException {
    String json = example()
        .replace("\"amount\": 2624000000", "\"amount\": 2624000001") // the pots no longer add up
        .replace("\"tatortsnara-landsbygdskommun\": 1", "\"tatortsnara-landsbygdskommun\": 1, \"fjallkommun\": 3")
        .replace("\"timeZone\": \"Europe/Stockholm\"", "\"timeZone\": \"Europe/Stockholm\", \"year\": 2026");
    String classes = Files.readString(Path.of("src/main/resources/data/landsbygdstyper_illustrative.csv"))
        .replace("0114,Upplands Väsby,ej-landsbygdskommun\n", "")
        .replace("0115,Vallentuna,ej-landsbygdskommun\n", "0115,Vallentuna,ej-landsbygdskommun\n9999,Ingenstans,glesa-landsbygdskommun\n");
    GrantBundle b = bundle(json, Map.of("landsbygdstyper_official.csv", classes, "extra.csv", "a,b\n"));
    Clock after = Clock.fixed(Instant.parse("2026-04-17T08:00:00Z"), ZoneOffset.UTC);
    List<String> problems = validator(after).problems(b);
    assertEquals(List.of(
        "grant.json: year: unknown field",
        "grant.json: pots: amounts add up to 3674000001, but total is 3674000000",
        "grant.json: requisitionDeadline: 2026-04-16 has passed (it is 2026-04-17 in Europe/Stockholm)",
        "extra.csv: no dataset of datasets.json names this file",
        "landsbygdstyper_official.csv:3: kommunkod: unknown municipality 9999",
        "landsbygdstyper_official.csv: kommunkod: municipality 0114 (Upplands Väsby) is missing",
        "grant.json: classifications.rural-class.weights.fjallkommun: class 'fjallkommun' is not a class of dataset "
            + "rural-class (its classes: blandad-kommun, ej-landsbygdskommun, glesa-landsbygdskommun, "
            + "mycket-glesa-landsbygdskommun, storstadskommun, tat-kommun, tatortsnara-landsbygdskommun)"),
        problems);

    // a definition that cannot be built at all (no total) is still checked as far as it goes: its own problems
    String noTotal = json.replace("\"total\": 3674000000,", "");
    assertEquals(List.of("grant.json: year: unknown field", "grant.json: total: is required"),
        validator(after).problems(bundle(noTotal, Map.of("landsbygdstyper_official.csv", classes))));
  }

  @Test
  void parseProblemsAreGatheredNotStoppedAtTheFirst() throws IOException {
    String json = example().replace("\"Europe/Stockholm\"", "\"Europe/Nowhere\"")
        .replace("\"requisitionDeadline\": \"2026-04-16\"", "\"requisitionDeadline\": \"16 april\"")
        .replace("\"measure\": \"care-recipients\"", "\"measure\": \"care\"")
        .replace("\"orgnr\": \"2021000555\"", "\"orgnr\": \"123\"");
    GrantDefinitionException e = assertThrows(GrantDefinitionException.class, () -> GrantCatalog.parse("x.json", json));
    assertEquals(List.of("x.json: agency.orgnr: is not a valid organisationsnummer",
        "x.json: timeZone: is not a time zone id",
        "x.json: requisitionDeadline: '16 april' is not a date (YYYY-MM-DD)",
        "x.json: pots[2].key[0].measure: 'care' is not declared under measures"), e.problems());
  }

  @Test
  void aBundledIdAnotherAgencyAndAnInvoiceSeriesInUseAreRefused() throws IOException {
    String json = example().replace("\"orgnr\": \"2021000555\"", "\"orgnr\": \"2120000142\"")
        .replace("\"series\": 1", "\"series\": 0");
    List<String> problems = validator(IN_2025).problems(bundle(json, Map.of()));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("grant.json: agency.orgnr: 2120000142 is not an agency of this deployment"),
        problems.get(0));
    assertTrue(problems.get(1).startsWith("grant.json: invoicing.series: 0 is the invoice series of god-och-nara-vard-2025"),
        problems.get(1));
    String bundledId = example().replace("\"id\": \"god-och-nara-vard-2026-exempel\"", "\"id\": \"god-och-nara-vard-2025\"");
    assertEquals(List.of("grant.json: id: 'god-och-nara-vard-2025' is a grant bundled with the deployment; an upload may "
        + "not replace it (give the grant an id of its own)"), validator(IN_2025).problems(bundle(bundledId, Map.of())));
  }

  @Test
  void theSameBundleTwiceIsOneVersionAndAChangedOneTheNext() throws IOException {
    InMemoryGrantStore store = new InMemoryGrantStore();
    GrantUploads uploads = new GrantUploads(store, GrantCatalog.withStore(store, IN_2025), new BundleDataCheck(), IN_2025);
    GrantBundle first = GrantBundle.read(EXAMPLE);
    GrantUploads.Outcome a = uploads.upload(first, "test");
    GrantUploads.Outcome again = uploads.upload(GrantBundle.read(EXAMPLE), "test");
    assertTrue(a.created());
    assertFalse(again.created());
    assertEquals(a.version(), again.version());
    assertEquals(1, a.version().number());
    assertEquals(first.sha256(), a.version().sha256());

    GrantBundle changed = bundle(example().replace("\"linkGraceDays\": 60", "\"linkGraceDays\": 61"), Map.of());
    GrantUploads.Outcome b = uploads.upload(changed, "test");
    assertEquals(2, b.version().number());
    assertEquals(first.sha256(), GrantBundle.sha256(store.read(a.version().grantId(), 1).orElseThrow().canonical()));
    assertEquals(changed.sha256(), store.read(a.version().grantId(), 2).orElseThrow().sha256());

    GrantDefinitionException refused = assertThrows(GrantDefinitionException.class,
        () -> uploads.upload(bundle(example().replace("\"total\": 3674000000", "\"total\": 1"), Map.of()), "test"));
    assertEquals(List.of("grant.json: pots: amounts add up to 3674000000, but total is 1"), refused.problems());
    assertEquals(2, store.versions(a.version().grantId()).size(), "a refused upload writes nothing");
  }

  @Test
  void anUploadThatLosesTheRaceTakesTheNextVersion() throws IOException {
    InMemoryGrantStore store = new InMemoryGrantStore() {
      boolean raced;

      @Override
      public synchronized boolean put(Version version, GrantBundle bundle) {
        if (!raced) { // another upload takes version 1 between our read and our put
          raced = true;
          super.put(new Version(version.grantId(), 1, "0".repeat(64), version.uploadedAt(), "other", "t"), bundle);
          return false;
        }
        return super.put(version, bundle);
      }
    };
    GrantUploads uploads = new GrantUploads(store, GrantCatalog.withStore(store, IN_2025), new BundleDataCheck(), IN_2025);
    assertEquals(2, uploads.upload(GrantBundle.read(EXAMPLE), "test").version().number());
  }

  @Test
  void theCanonicalFormRoundTripsAndItsDigestIsStable() throws IOException {
    GrantBundle b = bundle(example(), Map.of("datasets.json", "{}", "a.csv", "x\n1\n"));
    GrantBundle back = GrantBundle.fromCanonical(b.canonical());
    assertEquals(b.sha256(), back.sha256());
    assertEquals(b.files().keySet(), back.files().keySet());
    assertTrue(!b.sha256().equals(bundle(example() + " ", Map.of("datasets.json", "{}", "a.csv", "x\n1\n")).sha256()));
    byte[] cut = java.util.Arrays.copyOf(b.canonical(), b.canonical().length - 3);
    assertThrows(IllegalArgumentException.class, () -> GrantBundle.fromCanonical(cut));
  }
}
