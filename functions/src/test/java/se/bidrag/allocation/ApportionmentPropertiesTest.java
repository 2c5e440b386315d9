package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** The apportionment's promises, for any amount and keys. */
class ApportionmentPropertiesTest {

  @Provide
  Arbitrary<List<Long>> weights() {
    Arbitrary<Long> w = Arbitraries.oneOf(
        Arbitraries.longs().between(0, 20),                 // many ties and zeros
        Arbitraries.longs().between(0, 10_000_000),          // population-sized
        Arbitraries.longs().between(0, Long.MAX_VALUE / 4)); // huge composite keys
    return w.list().ofMinSize(1).ofMaxSize(60);
  }

  private static List<Apportionment.Claim> claims(List<Long> weights) {
    List<Apportionment.Claim> claims = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      claims.add(Apportionment.Claim.of(String.format("r%03d", i), weights.get(i)));
    }
    return claims;
  }

  @Property(tries = 2000)
  void sharesAddUpToTheAmountExactly(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
      @ForAll("weights") List<Long> weights) {
    Apportionment.Result r = Apportionment.apportion(amount, claims(weights));
    long sum = r.shares().stream().mapToLong(Apportionment.Share::amount).sum();
    boolean anyKey = weights.stream().anyMatch(w -> w > 0);
    assertEquals(amount, sum + r.unallocated());
    assertEquals(anyKey ? 0 : amount, r.unallocated());
  }

  @Property(tries = 2000)
  void eachShareIsItsExactQuotaRoundedDownOrUp(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
      @ForAll("weights") List<Long> weights) {
    Apportionment.Result r = Apportionment.apportion(amount, claims(weights));
    BigInteger total = r.totalWeight();
    if (total.signum() == 0) {
      return;
    }
    for (Apportionment.Share s : r.shares()) {
      BigInteger exact = BigInteger.valueOf(amount).multiply(s.weight()); // quota × total
      BigInteger low = BigInteger.valueOf(s.amount()).multiply(total);
      // amount - 1 < quota < amount + 1, in integers scaled by total
      assertTrue(low.subtract(total).compareTo(exact) < 0 && low.add(total).compareTo(exact) > 0,
          s.id() + " got " + s.amount() + " for quota " + s.exactQuota());
    }
  }

  @Property(tries = 2000)
  void zeroKeyGetsZero(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
      @ForAll("weights") List<Long> weights) {
    Apportionment.Result r = Apportionment.apportion(amount, claims(weights));
    for (Apportionment.Share s : r.shares()) {
      if (s.weight().signum() == 0) {
        assertEquals(0, s.amount(), s.id());
      }
    }
  }

  @Property(tries = 2000)
  void monotoneInTheKey(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
      @ForAll("weights") List<Long> weights) {
    List<Apportionment.Share> shares = Apportionment.apportion(amount, claims(weights)).shares();
    for (Apportionment.Share a : shares) {
      for (Apportionment.Share b : shares) {
        int cmp = a.weight().compareTo(b.weight());
        if (cmp > 0) {
          assertTrue(a.amount() >= b.amount(), a + " vs " + b);
        } else if (cmp == 0) {
          assertTrue(Math.abs(a.amount() - b.amount()) <= 1, a + " vs " + b);
        }
      }
    }
  }

  @Property(tries = 1000)
  void deterministicWhateverTheOrderOfClaims(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
      @ForAll("weights") List<Long> weights, @ForAll long seed) {
    List<Apportionment.Claim> claims = claims(weights);
    Map<String, Long> first = byId(Apportionment.apportion(amount, claims));
    List<Apportionment.Claim> shuffled = new ArrayList<>(claims);
    Collections.shuffle(shuffled, new Random(seed));
    assertEquals(first, byId(Apportionment.apportion(amount, shuffled)));
    assertEquals(first, byId(Apportionment.apportion(amount, claims)));
  }

  @Property(tries = 1000)
  void leftoverKronorGoToTheLargestRemainders(@ForAll @LongRange(min = 0, max = 1_000_000L) long amount,
      @ForAll("weights") List<Long> weights) {
    List<Apportionment.Share> shares = Apportionment.apportion(amount, claims(weights)).shares();
    for (Apportionment.Share up : shares) {
      if (!up.roundedUp()) {
        continue;
      }
      for (Apportionment.Share not : shares) {
        if (!not.roundedUp()) {
          int cmp = up.remainder().compareTo(not.remainder());
          assertTrue(cmp > 0 || (cmp == 0 && up.id().compareTo(not.id()) < 0), up + " before " + not);
        }
      }
    }
  }

  /** The long path's quotient and remainder equal BigInteger's, across the whole range it accepts. */
  @Property(tries = 20000)
  void longArithmeticQuotientAndRemainderAreExact(
      @ForAll @LongRange(min = 0, max = Apportionment.LONG_PATH_MAX_AMOUNT - 1) long a,
      @ForAll @LongRange(min = 1, max = Apportionment.LONG_PATH_MAX_TOTAL - 1) long d,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long wSeed) {
    long w = wSeed % (d + 1); // 0 <= w <= d
    long[] qr = new long[2];
    Apportionment.quotientAndRemainder(a, w, d, qr);
    BigInteger[] expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(w)).divideAndRemainder(BigInteger.valueOf(d));
    assertEquals(expected[0].longValueExact(), qr[0], a + "*" + w + "/" + d);
    assertEquals(expected[1].longValueExact(), qr[1], a + "*" + w + "%" + d);
  }

  /** The long path's floors and remainders are those of exact BigInteger arithmetic. */
  @Property(tries = 1000)
  void theLongPathMatchesBigIntegerArithmetic(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long amount,
      @ForAll("weights") List<Long> weights) {
    String[] ids = new String[weights.size()];
    long[] small = new long[weights.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = String.format("r%03d", i);
      small[i] = weights.get(i);
    }
    long total = 0;
    for (long w : small) {
      total += w;
      if (total < 0 || total >= Apportionment.LONG_PATH_MAX_TOTAL) {
        return; // only the BigInteger path applies
      }
    }
    Apportionment.Result viaLong = Apportionment.apportion(amount, ids, small);
    for (int i = 0; i < ids.length; i++) {
      BigInteger exact = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(small[i]));
      if (total > 0) {
        BigInteger[] qr = exact.divideAndRemainder(BigInteger.valueOf(total));
        assertEquals(qr[0].longValueExact(), viaLong.share(i).floor());
        assertEquals(qr[1], viaLong.share(i).remainder());
      }
    }
  }

  private static Map<String, Long> byId(Apportionment.Result r) {
    Map<String, Long> m = new HashMap<>();
    r.shares().forEach(s -> m.put(s.id(), s.amount()));
    return m;
  }
}
