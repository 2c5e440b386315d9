package se.bidrag.allocation;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Shares a whole number of kronor among claimants in proportion to their weights, exactly: the
 * largest-remainder method (Hamilton). Everyone first gets the whole-krona part of their exact
 * quota {@code amount × weight / Σweight}; the kronor left over (fewer than the number of
 * claimants) go one each to the largest remainders, ties broken by claimant id (ascending) so the
 * result is deterministic. All arithmetic is integer: {@code long} when every product provably
 * fits in 63 bits, BigInteger otherwise. No floating point.
 *
 * <p>Properties (tested): the shares add up to the amount exactly; a zero weight gets zero; a
 * larger weight never gets less; the same input always gives the same output, in any order. If
 * every weight is zero nothing can be shared and the whole amount is reported as unallocated.
 */
public final class Apportionment {
  private Apportionment() {}

  /** A claim on the amount: an id (for ties) and a weight >= 0. */
  public record Claim(String id, BigInteger weight) {
    public Claim {
      Objects.requireNonNull(id, "id");
      if (weight.signum() < 0) {
        throw new IllegalArgumentException("negative weight for " + id + ": " + weight);
      }
    }

    public static Claim of(String id, long weight) {
      return new Claim(id, BigInteger.valueOf(weight));
    }
  }

  /**
   * One claimant's share.
   *
   * @param floor the whole-krona part of the exact quota
   * @param remainder the fractional part of the quota is {@code remainder / denominator}
   * @param roundedUp true if this claimant got one of the leftover kronor
   */
  public record Share(String id, BigInteger weight, long amount, long floor, BigInteger remainder,
      BigInteger denominator, boolean roundedUp) {

    /** The exact quota as a reduced mixed fraction, e.g. {@code 76425969 375901/1058771}. */
    public String exactQuota() {
      if (remainder.signum() == 0) {
        return Long.toString(floor);
      }
      BigInteger g = remainder.gcd(denominator);
      return floor + " " + remainder.divide(g) + "/" + denominator.divide(g);
    }

    /** The exact share of the amount as a reduced fraction {@code weight/Σweight}. */
    public String exactShare() {
      if (denominator.signum() == 0 || weight.signum() == 0) {
        return "0";
      }
      BigInteger g = weight.gcd(denominator);
      BigInteger d = denominator.divide(g);
      return d.equals(BigInteger.ONE) ? weight.divide(g).toString() : weight.divide(g) + "/" + d;
    }
  }

  /** The shares in the order the claims were given (as arrays; {@link Share}s are built on demand), and what could not be shared. */
  public static final class Result {
    private final long amount;
    private final BigInteger totalWeight;
    private final long unallocated;
    private final String[] ids;
    private final long[] floors;
    private final boolean[] up;
    private final long[] longWeights;
    private final long[] longRemainders;
    private final BigInteger[] bigWeights;
    private final BigInteger[] bigRemainders;

    private Result(long amount, BigInteger totalWeight, long unallocated, String[] ids, long[] floors, boolean[] up,
        long[] longWeights, long[] longRemainders, BigInteger[] bigWeights, BigInteger[] bigRemainders) {
      this.amount = amount;
      this.totalWeight = totalWeight;
      this.unallocated = unallocated;
      this.ids = ids;
      this.floors = floors;
      this.up = up;
      this.longWeights = longWeights;
      this.longRemainders = longRemainders;
      this.bigWeights = bigWeights;
      this.bigRemainders = bigRemainders;
    }

    public long amount() {
      return amount;
    }

    public BigInteger totalWeight() {
      return totalWeight;
    }

    /** What could not be shared (the whole amount when every weight is zero, else 0). */
    public long unallocated() {
      return unallocated;
    }

    public long allocated() {
      return amount - unallocated;
    }

    public int size() {
      return ids.length;
    }

    /** The i-th claimant's whole kronor. */
    public long amount(int i) {
      return floors[i] + (up[i] ? 1 : 0);
    }

    public Share share(int i) {
      BigInteger weight = bigWeights != null ? bigWeights[i] : BigInteger.valueOf(longWeights[i]);
      BigInteger remainder = bigRemainders != null ? bigRemainders[i] : BigInteger.valueOf(longRemainders[i]);
      return new Share(ids[i], weight, amount(i), floors[i], remainder, totalWeight, up[i]);
    }

    /** All shares, in claim order. */
    public List<Share> shares() {
      return new AbstractList<>() {
        @Override
        public Share get(int index) {
          return share(index);
        }

        @Override
        public int size() {
          return ids.length;
        }
      };
    }
  }

  public static Result apportion(long amount, List<Claim> claims) {
    int n = claims.size();
    String[] ids = new String[n];
    BigInteger[] weights = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      ids[i] = claims.get(i).id();
      weights[i] = claims.get(i).weight();
    }
    return apportion(amount, ids, weights);
  }

  /** The fast form: weights as longs (each >= 0). */
  public static Result apportion(long amount, String[] ids, long[] weights) {
    requireValid(amount, ids.length, weights.length);
    long total = 0;
    boolean fits = true;
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("negative weight: " + w);
      }
      total += w;
      if (total < 0 || total >= LONG_PATH_MAX_TOTAL) {
        fits = false;
        break;
      }
    }
    if (!fits || amount >= LONG_PATH_MAX_AMOUNT) {
      BigInteger[] big = new BigInteger[weights.length];
      for (int i = 0; i < weights.length; i++) {
        big[i] = BigInteger.valueOf(weights[i]);
      }
      return apportion(amount, ids, big);
    }
    int n = ids.length;
    long[] floors = new long[n];
    long[] rem = new long[n];
    if (total == 0) {
      return new Result(amount, BigInteger.ZERO, amount, ids, floors, new boolean[n], weights, rem, null, null);
    }
    long given = 0;
    long[] qr = new long[2];
    for (int i = 0; i < n; i++) {
      quotientAndRemainder(amount, weights[i], total, qr);
      floors[i] = qr[0];
      rem[i] = qr[1];
      given += floors[i];
    }
    long leftover = amount - given;
    long th = leftover > 0 ? kthLargest(rem, (int) leftover) : 0;
    boolean[] up = leftoverByLargestRemainder(ids, leftover, i -> Long.compare(rem[i], th));
    return new Result(amount, BigInteger.valueOf(total), 0, ids, floors, up, weights, rem, null, null);
  }

  /** The long path is used for totals below 2^62 and amounts below 2^50 (see {@link #quotientAndRemainder}). */
  static final long LONG_PATH_MAX_TOTAL = 1L << 62;
  static final long LONG_PATH_MAX_AMOUNT = 1L << 50;

  /**
   * floor(a·w / d) and a·w mod d, exactly, for 0 <= a < 2^50, 0 <= w <= d < 2^62, d > 0, without
   * BigInteger. When a·w fits in a long it is plain integer division. Otherwise a floating-point
   * estimate q of the quotient is off by at most one (q < 2^50 and the estimate's relative error is
   * below 2^-51), so the true a·w − q·d lies in (−d, 2d) ⊂ (−2^63, 2^63): the wrapping long
   * arithmetic a·w − q·d therefore equals it exactly, and at most one step of ±d makes it the
   * remainder. The double only guesses; integers decide. (Property-tested against BigInteger.)
   */
  static void quotientAndRemainder(long a, long w, long d, long[] out) {
    if (Math.multiplyHigh(a, w) == 0 && a * w >= 0) {
      long p = a * w;
      out[0] = p / d;
      out[1] = p % d;
      return;
    }
    long q = (long) ((double) a * (double) w / (double) d);
    long r = a * w - q * d;
    while (r < 0) {
      q--;
      r += d;
    }
    while (r >= d) {
      q++;
      r -= d;
    }
    out[0] = q;
    out[1] = r;
  }

  /** The general form: weights of any size (each >= 0); uses the long path whenever the figures allow. */
  public static Result apportion(long amount, String[] ids, BigInteger[] weights) {
    requireValid(amount, ids.length, weights.length);
    int n = ids.length;
    BigInteger total = BigInteger.ZERO;
    for (BigInteger w : weights) {
      if (w.signum() < 0) {
        throw new IllegalArgumentException("negative weight: " + w);
      }
      total = total.add(w);
    }
    if (total.bitLength() < 62 && amount < LONG_PATH_MAX_AMOUNT) {
      long[] small = new long[n];
      for (int i = 0; i < n; i++) {
        small[i] = weights[i].longValue();
      }
      return apportion(amount, ids, small);
    }
    long[] floors = new long[n];
    BigInteger[] rem = new BigInteger[n];
    BigInteger a = BigInteger.valueOf(amount);
    long given = 0;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = a.multiply(weights[i]).divideAndRemainder(total);
      floors[i] = qr[0].longValueExact();
      rem[i] = qr[1];
      given += floors[i];
    }
    long leftover = amount - given;
    BigInteger threshold = BigInteger.ZERO;
    if (leftover > 0) {
      BigInteger[] sorted = rem.clone();
      Arrays.sort(sorted);
      threshold = sorted[n - (int) leftover];
    }
    BigInteger th = threshold;
    boolean[] up = leftoverByLargestRemainder(ids, leftover, i -> rem[i].compareTo(th));
    return new Result(amount, total, 0, ids, floors, up, null, null, weights, rem);
  }

  /** The k-th largest value (k >= 1). */
  private static long kthLargest(long[] values, int k) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length - k];
  }

  private static void requireValid(long amount, int ids, int weights) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount must be >= 0: " + amount);
    }
    if (ids != weights) {
      throw new IllegalArgumentException(ids + " ids but " + weights + " weights");
    }
  }

  /**
   * Marks the {@code leftover} claimants with the largest remainders (0 <= leftover < n, because
   * Σ remainders = leftover × total). {@code vsThreshold} compares a claimant's remainder with the
   * leftover-th largest remainder: all above it get a krona; of those equal to it, the first by id.
   */
  private static boolean[] leftoverByLargestRemainder(String[] ids, long leftover, IntCompare vsThreshold) {
    int n = ids.length;
    boolean[] up = new boolean[n];
    if (leftover == 0) {
      return up;
    }
    int given = 0;
    List<Integer> tied = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int cmp = vsThreshold.compare(i);
      if (cmp > 0) {
        up[i] = true;
        given++;
      } else if (cmp == 0) {
        tied.add(i);
      }
    }
    tied.sort(Comparator.comparing(i -> ids[i]));
    for (int k = 0; k < leftover - given; k++) {
      up[tied.get(k)] = true;
    }
    return up;
  }

  @FunctionalInterface
  private interface IntCompare {
    int compare(int index);
  }
}
