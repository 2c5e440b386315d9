package se.bidrag.requisition;

import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.allocation.Apportionment;

/**
 * How a requisitioned amount is attributed to the recipient's pots: in proportion to its allocation
 * per pot, by the largest-remainder method (exact; ties by pot id). Requisitioning the whole
 * allocation gives exactly the allocation per pot; a pot the recipient has nothing from gets nothing.
 */
public final class PotSplit {
  private PotSplit() {}

  public static Map<String, Long> split(long amount, Map<String, Long> allocationPerPot) {
    String[] ids = allocationPerPot.keySet().toArray(String[]::new);
    long[] weights = allocationPerPot.values().stream().mapToLong(Long::longValue).toArray();
    Apportionment.Result r = Apportionment.apportion(amount, ids, weights);
    if (r.unallocated() != 0) {
      throw new IllegalArgumentException("nothing to split " + amount + " kr by: the allocation is zero");
    }
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) {
      out.put(ids[i], r.amount(i));
    }
    return out;
  }

  public static Map<String, Long> zero(Map<String, Long> pots) {
    Map<String, Long> out = new LinkedHashMap<>();
    pots.keySet().forEach(k -> out.put(k, 0L));
    return out;
  }
}
