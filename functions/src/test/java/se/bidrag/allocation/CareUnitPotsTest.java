package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantUploads;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;

/**
 * Pots shared over care units (recipient kind {@code enhet}): apportioned exactly by each unit's measure
 * (largest remainder, ties by id), each unit's owner and explanation; the units file refused row by row.
 */
class CareUnitPotsTest {
  static final String FILE = "vardenheter_syntetiska.csv";
  static final String HEADER = "enhet_id,namn,kommunkod,huvudman_orgnr,listade_patienter\n";
  /** Region Örebro län and Örebro kommun (organisationsnummer.csv); Lekeberg is a rural municipality (weight 1). */
  static final String REGION_18 = "2321000164";
  static final String OREBRO = "2120001967";

  static final String JSON = """
      {"id": "enheter-test", "title": "SYNTETISKT: test", "regulation": "-", "instructions": "-",
       "agency": {"name": "Socialstyrelsen", "orgnr": "2021000555"}, "grantYear": 2026, "total": 1100,
       "timeZone": "Europe/Stockholm", "requisitionDeadline": "2026-04-16", "scheduledJobs": false,
       "measures": {"listed": {"dataset": "care-units", "title": "Listade patienter"}},
       "classifications": {"rural-class": {"dataset": "rural-class", "title": "Landsbygd", "weights": {
         "storstadskommun": 0, "tat-kommun": 0, "blandad-kommun": 0, "ej-landsbygdskommun": 0,
         "tatortsnara-landsbygdskommun": 1, "glesa-landsbygdskommun": 5, "mycket-glesa-landsbygdskommun": 10}}},
       "pots": [
         {"id": "enhet-listade", "title": "Efter listade", "recipientKind": "enhet", "amount": 1000,
          "key": [{"measure": "listed", "portion": 1}]},
         {"id": "enhet-landsbygd", "title": "Landsbygd", "recipientKind": "enhet", "amount": 100,
          "key": [{"measure": "listed", "portion": 1, "weightedBy": "rural-class"}]}],
       "areas": [{"number": 1, "title": "Primärvård"}]}
      """;
  static final GrantDefinition GRANT = GrantCatalog.parse("units.json", JSON);

  @TempDir
  Path dir;

  private BaseData load(String rows) throws IOException {
    Files.writeString(dir.resolve(FILE), HEADER + rows, StandardCharsets.UTF_8);
    return new BaseDataLoader(DataFiles.withOverride(dir)).load(GRANT);
  }

  private String refusal(String rows) {
    DataException e = assertThrows(DataException.class, () -> load(rows));
    return e.getMessage();
  }

  static final String THREE = """
      000003,Vårdcentral C,1880,%s,100
      000001,Vårdcentral A,1880,%s,100
      000002,Vårdcentral B,1814,%s,100
      """.formatted(OREBRO, REGION_18, REGION_18);

  @Test
  void anUploadedBundleWithItsUnitsValidatesAndABadUnitRowIsNamed() {
    GrantUploads validator = new GrantUploads(null, GrantCatalog.bundled(), new BundleDataCheck(),
        Clock.fixed(Instant.parse("2026-02-02T08:00:00Z"), ZoneOffset.UTC));
    assertEquals(List.of(), validator.problems(bundle(THREE)));
    assertEquals(List.of(FILE + ":4: kommunkod: unknown municipality 9999"),
        validator.problems(bundle(THREE.replace(",1814,", ",9999,"))));
    assertEquals(List.of(FILE + ":2: huvudman_orgnr: unknown owner 2021000555 (not the organisation number of a region"
        + " or a municipality)"), validator.problems(bundle(THREE.replace(OREBRO, "2021000555"))));
  }

  private static GrantBundle bundle(String rows) {
    return new GrantBundle(Map.of(GrantBundle.GRANT_FILE, JSON.getBytes(StandardCharsets.UTF_8),
        FILE, (HEADER + rows).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aUnitsOnlyGrantHasTheUnitsAsItsRecipientsWithTheirOwnersOrgnr() throws IOException {
    BaseData data = load(THREE);
    assertEquals(List.of("enhet-000001", "enhet-000002", "enhet-000003"),
        data.recipients().stream().map(r -> r.id()).toList());
    assertTrue(data.recipients().stream().allMatch(r -> r.kind() == RecipientKind.ENHET));
    assertEquals(REGION_18, data.recipient("enhet-000002").orElseThrow().orgnr());
    assertEquals(OREBRO, data.recipient("enhet-000003").orElseThrow().orgnr());
    assertEquals("18", data.recipient("enhet-000003").orElseThrow().regionCode());
    assertTrue(data.provenance().stream().anyMatch(p -> p.dataset().equals("care-units") && p.illustrative()));
  }

  @Test
  void equalMeasuresSplitThePotExactlyTheExtraKronaToTheFirstId() throws IOException {
    Allocation a = new AllocationEngine().allocate(GRANT, load(THREE));
    Map<String, Long> listed = a.allocations().stream()
        .collect(Collectors.toMap(r -> r.recipient().id(), r -> r.pot("enhet-listade")));
    assertEquals(Map.of("enhet-000001", 334L, "enhet-000002", 333L, "enhet-000003", 333L), listed);
    // only Lekeberg's unit is in a rural municipality: the whole rural pot
    assertEquals(100L, a.forRecipient("enhet-000002").orElseThrow().pot("enhet-landsbygd"));
    assertEquals(0L, a.forRecipient("enhet-000001").orElseThrow().pot("enhet-landsbygd"));
    assertEquals(1100L, a.total());
    assertEquals(List.of(1000L, 100L), a.pots().stream().map(Allocation.PotTotal::allocated).toList());
  }

  @Test
  void eachUnitsExplanationNamesItsMeasureTheTotalAndItsMunicipalitysClass() throws IOException {
    Allocation a = new AllocationEngine().allocate(GRANT, load("""
        000001,A,1880,%s,250
        000002,B,1814,%s,750
        """.formatted(OREBRO, REGION_18)));
    Allocation.RecipientAllocation b = a.forRecipient("enhet-000002").orElseThrow();
    assertEquals(750L, b.pot("enhet-listade"));
    Allocation.PotExplanation listed = b.explanation().get(0);
    assertEquals(BigInteger.valueOf(750), listed.keyValue());
    assertEquals(BigInteger.valueOf(1000), listed.denominator());
    Allocation.ComponentValue c = listed.components().get(0);
    assertEquals(List.of(750L, 1000L), List.of(c.value(), c.total()));
    Allocation.ComponentValue rural = b.explanation().get(1).components().get(0);
    assertEquals("tatortsnara-landsbygdskommun", rural.recipientClass());
    assertEquals(1L, rural.classWeight());
  }

  @Test
  void manyUnitsAddUpToTheKrona() throws IOException {
    StringBuilder rows = new StringBuilder();
    for (int i = 1; i <= 997; i++) {
      rows.append(String.format("%06d,Enhet %d,%s,%s,%d%n", i, i, i % 2 == 0 ? "1880" : "1814",
          i % 3 == 0 ? OREBRO : REGION_18, 1 + (i * 7919L) % 4001));
    }
    Allocation a = new AllocationEngine().allocate(GRANT, load(rows.toString()));
    assertEquals(997, a.allocations().size());
    assertEquals(1100L, a.total());
    assertEquals(1000L, a.allocations().stream().mapToLong(r -> r.pot("enhet-listade")).sum());
  }

  @Test
  void anUnknownMunicipalityIsRefusedNamingTheRow() {
    String m = refusal("000001,A,1880,%s,10\n000002,B,9999,%s,10\n".formatted(OREBRO, REGION_18));
    assertTrue(m.contains(FILE + ":3: kommunkod: unknown municipality 9999"), m);
  }

  @Test
  void aDuplicateUnitIsRefusedNamingTheRow() {
    String m = refusal("000001,A,1880,%s,10\n000001,B,1814,%s,10\n".formatted(OREBRO, REGION_18));
    assertTrue(m.contains(FILE + ":3: enhet_id: duplicate unit 000001"), m);
  }

  @Test
  void anUnknownOwnerIsRefusedNamingTheRow() {
    // a valid organisationsnummer (the agency's), but not a region's or a municipality's
    String m = refusal("000001,A,1880,%s,10\n000002,B,1814,2021000555,10\n".formatted(OREBRO));
    assertTrue(m.contains(FILE + ":3: huvudman_orgnr: unknown owner 2021000555"), m);
  }

  @Test
  void aMissingMeasureIsRefusedNamingTheRow() {
    String m = refusal("000001,A,1880,%s,10\n000002,B,1814,%s,\n".formatted(OREBRO, REGION_18));
    assertTrue(m.contains(FILE + ":3: listade_patienter: is empty"), m);
  }

  @Test
  void aNegativeMeasureIsRefusedNamingTheRow() {
    String m = refusal("000001,A,1880,%s,-4\n".formatted(OREBRO));
    assertTrue(m.contains(FILE + ":2: listade_patienter: negative count -4"), m);
  }

  @Test
  void aUnitIdThatIsNotDigitsIsRefusedNamingTheRow() {
    String m = refusal("000001,A,1880,%s,4\nSE-2,B,1880,%s,4\n".formatted(OREBRO, OREBRO));
    assertTrue(m.contains(FILE + ":3: enhet_id: 'SE-2' is not a unit id"), m);
  }

  @Test
  void aGrantWithoutUnitPotsHasNoUnits() {
    BaseData data = new BaseDataLoader(DataFiles.bundled()).load(GrantCatalog.bundled().require("god-och-nara-vard-2025"));
    assertEquals(311, data.recipients().size());
    assertTrue(data.units().isEmpty());
  }
}
