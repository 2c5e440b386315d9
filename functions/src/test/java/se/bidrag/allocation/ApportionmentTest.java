package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases. */
class ApportionmentTest {

  private static List<Long> amounts(long amount, long... weights) {
    List<Apportionment.Claim> claims = new java.util.ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      claims.add(Apportionment.Claim.of("r" + i, weights[i]));
    }
    return Apportionment.apportion(amount, claims).shares().stream().map(Apportionment.Share::amount).toList();
  }

  @Test
  void tiesAreBrokenByRecipientIdAscending() {
    // 10 / 3 = 3 1/3 each; one krona left over; all remainders equal -> r0 gets it.
    assertEquals(List.of(4L, 3L, 3L), amounts(10, 1, 1, 1));
    // 11 -> two left over -> r0 and r1.
    assertEquals(List.of(4L, 4L, 3L), amounts(11, 1, 1, 1));
  }

  @Test
  void largestRemainderWinsOverId() {
    // 100 by 1:2:4 (sum 7): quotas 14 2/7, 28 4/7, 57 1/7 -> floors 14+28+57 = 99; r1 has the largest remainder.
    assertEquals(List.of(14L, 29L, 57L), amounts(100, 1, 2, 4));
  }

  @Test
  void exactQuotasNeedNoRounding() {
    assertEquals(List.of(25L, 75L), amounts(100, 1, 3));
    Apportionment.Share s = Apportionment.apportion(100, List.of(Apportionment.Claim.of("a", 1),
        Apportionment.Claim.of("b", 3))).shares().get(0);
    assertFalse(s.roundedUp());
    assertEquals("25", s.exactQuota());
    assertEquals("1/4", s.exactShare());
  }

  @Test
  void regionOrebroPopulationShareIsTheCheckFigure() {
    // 2 624 000 000 × 308 375 / 10 587 710 = 76 425 969.355...; the rest of the country as one claim.
    Apportionment.Result r = Apportionment.apportion(2_624_000_000L, List.of(
        Apportionment.Claim.of("region-18", 308_375), Apportionment.Claim.of("rest", 10_587_710 - 308_375)));
    assertEquals(76_425_969L, r.shares().get(0).amount());
    assertEquals("76425969 375901/1058771", r.shares().get(0).exactQuota());
    assertEquals(2_624_000_000L, r.shares().get(0).amount() + r.shares().get(1).amount());
  }

  @Test
  void nothingToShareByIsReportedAsUnallocated() {
    Apportionment.Result r = Apportionment.apportion(500, List.of(Apportionment.Claim.of("a", 0),
        Apportionment.Claim.of("b", 0)));
    assertEquals(500, r.unallocated());
    assertTrue(r.shares().stream().allMatch(s -> s.amount() == 0));
    assertEquals(500, Apportionment.apportion(500, List.of()).unallocated());
  }

  @Test
  void negativeInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Apportionment.apportion(-1, List.of()));
    assertThrows(IllegalArgumentException.class, () -> Apportionment.Claim.of("a", -1));
  }
}
