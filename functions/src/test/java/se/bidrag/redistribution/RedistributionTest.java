package se.bidrag.redistribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.requisition.PotSplit;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionForm;
import se.bidrag.requisition.RequisitionStatus;

/** The redistribution rule, on the real 2025 allocation. */
class RedistributionTest {
  static GrantDefinition grant;
  static Allocation allocation;

  @BeforeAll
  static void allocate() {
    grant = GrantCatalog.bundled().require("god-och-nara-vard-2025");
    allocation = new AllocationEngine().allocate(grant, new BaseDataLoader(DataFiles.bundled()).load(grant));
  }

  static Requisition requisition(String recipientId, long amount, boolean wants, RequisitionStatus status) {
    Allocation.RecipientAllocation a = allocation.forRecipient(recipientId).orElseThrow();
    RequisitionForm form = new RequisitionForm(amount, List.of("Förvaltningen"), new java.util.TreeSet<>(Set.of(1)), wants,
        new RequisitionForm.Contact("K", "k@example.se"), "registrator@example.se", "Ombud");
    Map<String, Long> pots = status == RequisitionStatus.WITHDRAWN ? PotSplit.zero(a.pots()) : PotSplit.split(amount, a.pots());
    return new Requisition(grant.id(), recipientId, a.recipient().orgnr(), a.recipient().kind(), a.recipient().name(),
        a.total(), status, 1, status == RequisitionStatus.WITHDRAWN ? form.withAmount(0) : form, pots,
        Instant.EPOCH, Instant.EPOCH, "x", null);
  }

  /**
   * Hand-computed: in the region population pot only Stockholm (01) and Uppsala (03) requisition;
   * Stockholm takes everything and wants more, Uppsala takes half and does not. The unclaimed money
   * = pot − Stockholm's − Uppsala's half goes to Stockholm alone (the only one opted in).
   */
  @Test
  void aHandComputedCase() {
    long sthlm = allocation.forRecipient("region-01").orElseThrow().pot("region-population");
    long sthlmRural = allocation.forRecipient("region-01").orElseThrow().pot("region-rural");
    long uppsalaTotal = allocation.forRecipient("region-03").orElseThrow().total();
    long uppsalaHalf = uppsalaTotal / 2;
    List<Requisition> reqs = List.of(requisition("region-01", sthlm + sthlmRural, true, RequisitionStatus.ACCEPTED),
        requisition("region-03", uppsalaHalf, false, RequisitionStatus.ACCEPTED));
    Redistribution.Decision d = Redistribution.decide(grant, allocation, reqs);
    Redistribution.PotOutcome pop = d.pots().get(0);
    long uppsalaPopPart = PotSplit.split(uppsalaHalf, allocation.forRecipient("region-03").orElseThrow().pots())
        .get("region-population");
    assertEquals(sthlm + uppsalaPopPart, pop.requisitioned());
    assertEquals(2_624_000_000L - sthlm - uppsalaPopPart, pop.unclaimed());
    assertEquals(pop.unclaimed(), pop.redistributed());
    assertEquals(0, pop.unallocated());
    assertEquals(1, pop.optedIn());
    Redistribution.RecipientShare s = d.shares().get(0);
    assertEquals("region-01", s.recipientId());
    assertEquals(pop.unclaimed(), s.extras().get(0).amount(), "Stockholm alone gets all of it");
    assertEquals("1", s.extras().get(0).share());
    // Stockholm has no rural allocation (key 0): the rural pot's unclaimed money stays unallocated
    Redistribution.PotOutcome rural = d.pots().get(1);
    assertEquals(150_000_000L, rural.unclaimed() + rural.requisitioned());
    assertEquals(0, rural.redistributed());
    assertEquals(rural.unclaimed(), rural.unallocated());
  }

  @Test
  void withNobodyOptedInTheMoneyStaysUnallocated() {
    Redistribution.Decision d = Redistribution.decide(grant, allocation,
        List.of(requisition("kommun-0114", 1000, false, RequisitionStatus.ACCEPTED)));
    for (Redistribution.PotOutcome p : d.pots()) {
      assertEquals(0, p.redistributed(), p.potId());
      assertEquals(p.unclaimed(), p.unallocated(), p.potId());
    }
    assertTrue(d.shares().isEmpty());
  }

  @Test
  void withdrawnRequisitionsClaimNothingAndGetNothing() {
    Redistribution.Decision d = Redistribution.decide(grant, allocation, List.of(
        requisition("kommun-0114", 1000, true, RequisitionStatus.WITHDRAWN),
        requisition("kommun-0115", 1000, true, RequisitionStatus.ACCEPTED)));
    assertEquals(List.of("kommun-0115"), d.shares().stream().map(Redistribution.RecipientShare::recipientId).toList());
    assertEquals(1000, d.pots().get(2).requisitioned());
  }

  /** The money is conserved: paid (requisitioned + redistributed) + unallocated = 3 674 000 000, for any mix. */
  @Property(tries = 60)
  void paidPlusUnallocatedIsTheWholeGrant(@ForAll long seed) {
    Random rnd = new Random(seed);
    List<Requisition> reqs = new ArrayList<>();
    for (Allocation.RecipientAllocation a : allocation.allocations()) {
      int what = rnd.nextInt(10);
      if (what < 2) {
        continue; // no requisition
      }
      long amount = what < 6 ? a.total() : 1 + (long) (rnd.nextDouble() * a.total());
      RequisitionStatus status = what == 9 ? RequisitionStatus.WITHDRAWN
          : rnd.nextBoolean() ? RequisitionStatus.PAID : RequisitionStatus.ACCEPTED;
      reqs.add(requisition(a.recipient().id(), Math.min(amount, a.total()), rnd.nextInt(3) < 2, status));
    }
    Redistribution.Decision d = Redistribution.decide(grant, allocation, reqs);
    long requisitioned = reqs.stream().filter(r -> r.status() != RequisitionStatus.WITHDRAWN)
        .mapToLong(Requisition::amount).sum();
    long redistributed = d.shares().stream().mapToLong(Redistribution.RecipientShare::total).sum();
    assertEquals(3_674_000_000L, requisitioned + redistributed + d.unallocated());
    for (Redistribution.PotOutcome p : d.pots()) {
      assertEquals(p.amount(), p.requisitioned() + p.redistributed() + p.unallocated(), p.potId());
      assertTrue(p.unallocated() == 0 || p.optedInKeys().signum() == 0, "money is only left when nobody can take it");
    }
    for (Redistribution.RecipientShare s : d.shares()) {
      for (Redistribution.Extra e : s.extras()) {
        // exact: |amount × denominator − unclaimed × key| < denominator
        long unclaimed = d.pots().stream().filter(p -> p.potId().equals(e.potId())).findFirst().orElseThrow().unclaimed();
        BigInteger scaled = BigInteger.valueOf(e.amount()).multiply(e.denominator());
        BigInteger exact = BigInteger.valueOf(unclaimed).multiply(e.keyValue());
        assertTrue(scaled.subtract(exact).abs().compareTo(e.denominator()) < 0, s.recipientId() + " " + e);
      }
    }
  }
}
