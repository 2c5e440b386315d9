package se.bidrag.allocation;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A recipient's amount per pot, in the grant's pot order: an immutable view of the pots' results
 * at the recipient's position (every recipient of a kind has the same position in each of its pots).
 */
final class PotAmounts extends AbstractMap<String, Long> {
  private final String[] potIds;
  private final Apportionment.Result[] results;
  private final int index;

  PotAmounts(String[] potIds, Apportionment.Result[] results, int index) {
    this.potIds = potIds;
    this.results = results;
    this.index = index;
  }

  long total() {
    long total = 0;
    for (Apportionment.Result r : results) {
      total += r.amount(index);
    }
    return total;
  }

  @Override
  public Long get(Object key) {
    for (int i = 0; i < potIds.length; i++) {
      if (potIds[i].equals(key)) {
        return results[i].amount(index);
      }
    }
    return null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, Long>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Long>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < potIds.length;
          }

          @Override
          public Entry<String, Long> next() {
            if (i >= potIds.length) {
              throw new NoSuchElementException();
            }
            Entry<String, Long> e = new SimpleImmutableEntry<>(potIds[i], results[i].amount(index));
            i++;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return potIds.length;
      }
    };
  }
}
