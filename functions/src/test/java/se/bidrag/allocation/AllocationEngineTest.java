package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;

/** The 2025 allocation on the real (and the labelled illustrative) data. */
class AllocationEngineTest {
  static GrantDefinition grant;
  static Allocation allocation;

  @BeforeAll
  static void compute() {
    grant = GrantCatalog.bundled().require("god-och-nara-vard-2025");
    allocation = new AllocationEngine().allocate(grant, new BaseDataLoader(DataFiles.bundled()).load(grant));
  }

  @Test
  void everyPotAddsUpToTheKrona() {
    Map<String, Long> expected = Map.of("region-population", 2_624_000_000L, "region-rural", 150_000_000L,
        "kommun-care-and-population", 750_000_000L, "kommun-rural", 150_000_000L);
    for (var e : expected.entrySet()) {
      long sum = allocation.allocations().stream().mapToLong(a -> a.pot(e.getKey())).sum();
      assertEquals(e.getValue(), sum, e.getKey());
    }
    assertEquals(3_674_000_000L, allocation.total());
    allocation.pots().forEach(p -> assertEquals(p.amount(), p.allocated(), p.id()));
  }

  @Test
  void twentyOneRegionsAndTwoHundredNinetyMunicipalities() {
    Map<RecipientKind, Long> counts = allocation.allocations().stream()
        .collect(Collectors.groupingBy(a -> a.recipient().kind(), Collectors.counting()));
    assertEquals(21, counts.get(RecipientKind.REGION));
    assertEquals(290, counts.get(RecipientKind.KOMMUN));
    allocation.allocations().forEach(a -> assertNotNull(a.recipient().orgnr(), a.recipient().id()));
  }

  @Test
  void regionOrebroPopulationPartIsTheApportionedCheckFigure() {
    Allocation.RecipientAllocation orebro = allocation.forRecipient("region-18").orElseThrow();
    assertEquals(76_425_969L, orebro.pot("region-population"));
    Allocation.PotExplanation e = orebro.explanation().get(0);
    assertEquals(BigInteger.valueOf(308_375), e.keyValue());
    assertEquals(BigInteger.valueOf(10_587_710), e.denominator());
    assertEquals("61675/2117542", e.share().exactShare()); // 308375/10587710 reduced
    // The rural breakdown names the seven municipalities of the region's 2025 decision.
    Allocation.PotExplanation rural = orebro.explanation().get(1);
    assertEquals(List.of("Lekeberg", "Laxå", "Hallsberg", "Hällefors", "Ljusnarsberg", "Askersund", "Lindesberg"),
        rural.breakdown().stream().map(Allocation.BreakdownLine::name).toList());
    assertEquals(rural.amount(), rural.breakdown().stream().mapToLong(Allocation.BreakdownLine::amount).sum());
  }

  @Test
  void gotlandIsOneOrganisationWithTwoRecipientRoles() {
    var region = allocation.forRecipient("region-09").orElseThrow();
    var kommun = allocation.forRecipient("kommun-0980").orElseThrow();
    assertEquals("2120000803", region.recipient().orgnr());
    assertEquals(region.recipient().orgnr(), kommun.recipient().orgnr());
    assertTrue(region.total() > 0 && kommun.total() > 0);
    assertEquals(List.of("region-population", "region-rural"), List.copyOf(region.pots().keySet()));
    assertEquals(List.of("kommun-care-and-population", "kommun-rural"), List.copyOf(kommun.pots().keySet()));
  }

  /** Proves every amount exact without floating point: |amount × D − A × k| < D for every recipient and pot. */
  @Test
  void everyAmountIsItsExactQuotaRounded() {
    for (var a : allocation.allocations()) {
      for (Allocation.PotExplanation e : a.explanation()) {
        BigInteger scaledAmount = BigInteger.valueOf(e.amount()).multiply(e.denominator());
        BigInteger exact = BigInteger.valueOf(e.potAmount()).multiply(e.keyValue());
        assertTrue(scaledAmount.subtract(exact).abs().compareTo(e.denominator()) < 0, a.recipient().id() + " " + e);
        assertEquals(e.amount(), a.pot(e.potId()));
      }
      assertEquals(a.total(), a.pots().values().stream().mapToLong(Long::longValue).sum());
    }
  }

  @Test
  void theCareAndPopulationKeyIsHalfEach() {
    var stockholm = allocation.forRecipient("kommun-0180").orElseThrow();
    Allocation.PotExplanation e = stockholm.explanation().get(0);
    assertEquals("kommun-care-and-population", e.potId());
    var care = e.components().get(0);
    var pop = e.components().get(1);
    // k = care·P + pop·C over D = 2·C·P
    BigInteger c = BigInteger.valueOf(care.total());
    BigInteger p = BigInteger.valueOf(pop.total());
    assertEquals(BigInteger.valueOf(care.value()).multiply(p).add(BigInteger.valueOf(pop.value()).multiply(c)),
        e.keyValue());
    assertEquals(BigInteger.TWO.multiply(c).multiply(p), e.denominator());
    assertEquals(10_587_710L, pop.total());
    assertEquals(414_000L, care.total());
  }

  @Test
  void urbanMunicipalitiesGetNothingFromTheRuralPot() {
    var orebroKommun = allocation.forRecipient("kommun-1880").orElseThrow();
    assertEquals(0, orebroKommun.pot("kommun-rural"));
    assertEquals("ej-landsbygdskommun", orebroKommun.explanation().get(1).components().get(0).recipientClass());
    var hallefors = allocation.forRecipient("kommun-1863").orElseThrow();
    assertEquals(5L, hallefors.explanation().get(1).components().get(0).classWeight());
    assertTrue(hallefors.pot("kommun-rural") > 0);
  }

  @Test
  void theOutputNamesTheProvenanceOfEveryInput() {
    Map<String, String> status = allocation.inputs().stream()
        .collect(Collectors.toMap(Provenance::dataset, Provenance::status));
    assertEquals(Map.of("municipalities", "official", "organisation-numbers", "official", "population", "official",
        "care-recipients", "illustrative", "rural-class", "illustrative"), status);
    allocation.inputs().forEach(p -> assertEquals(64, p.sha256().length()));
  }

  @Test
  void theSameInputsGiveTheSameAllocation() {
    Allocation again = new AllocationEngine().allocate(grant, new BaseDataLoader(DataFiles.bundled()).load(grant));
    assertEquals(AllocationService.hash(allocation), AllocationService.hash(again));
  }
}
