package se.bidrag.allocation;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.GrantDefinition.KeyComponent;
import se.bidrag.grant.GrantDefinition.Pot;
import se.bidrag.grant.GrantDefinitionException;
import se.bidrag.grant.Recipient;
import se.bidrag.grant.RecipientKind;

/**
 * Computes a grant's allocation from its definition and base data.
 *
 * <p>For each pot, every recipient of the pot's kind gets a key value. A key component's value for
 * a municipality is its measure (times its class weight, for weighted components); for a region,
 * the sum over its municipalities. With components c of portions p_c and national totals T_c, the
 * recipient's exact share is Σ_c (p_c/P)·(v_c/T_c) with P = Σ p_c (a care unit's value is its own
 * measure, times its municipality's class weight for a weighted component); written over one integer
 * denominator D = P·Π T_c, the key value is k = Σ_c p_c·v_c·Π_{d≠c} T_d. The pot is then
 * apportioned by {@link Apportionment} over the key values: exact to the krona, largest remainder,
 * ties by recipient id.
 */
public final class AllocationEngine {

  public Allocation allocate(GrantDefinition grant, BaseData data) {
    return new Run(grant, data).allocate();
  }

  /** A recipient's explanation: one entry per pot of its kind, made when read. */
  private static final class ExplanationList extends AbstractList<Allocation.PotExplanation> {
    private final List<Allocation.PotExplanationSource> runs;
    private final int index;

    ExplanationList(List<Allocation.PotExplanationSource> runs, int index) {
      this.runs = runs;
      this.index = index;
    }

    @Override
    public Allocation.PotExplanation get(int i) {
      return new Allocation.PotExplanation(runs.get(i), index);
    }

    @Override
    public int size() {
      return runs.size();
    }
  }

  /** One computation: the base data indexed by position, so that the hot loops use arrays, not maps. */
  private static final class Run {
    final GrantDefinition grant;
    final BaseData data;
    final List<Municipality> municipalities;
    final List<Recipient> recipients;
    /** Per recipient: the municipalities (by position) its key sums over; for a care unit, its position among the units. */
    final int[][] unitsOfRecipient;
    final Map<String, Integer> municipalityIndex;
    final Map<String, long[]> measureCache = new HashMap<>();
    final Map<String, String[]> classCache = new HashMap<>();

    Run(GrantDefinition grant, BaseData data) {
      this.grant = grant;
      this.data = data;
      this.municipalities = data.municipalities();
      this.recipients = data.recipients();
      Map<String, Integer> index = new HashMap<>(municipalities.size() * 2);
      Map<String, List<Integer>> byRegion = new HashMap<>();
      for (int i = 0; i < municipalities.size(); i++) {
        Municipality m = municipalities.get(i);
        index.put(m.code(), i);
        byRegion.computeIfAbsent(m.lanCode(), k -> new ArrayList<>()).add(i);
      }
      municipalityIndex = index;
      Map<String, Integer> careUnitIndex = new HashMap<>(data.units().size() * 2);
      for (int i = 0; i < data.units().size(); i++) {
        careUnitIndex.put(data.units().get(i).id(), i);
      }
      unitsOfRecipient = new int[recipients.size()][];
      for (int r = 0; r < recipients.size(); r++) {
        Recipient rec = recipients.get(r);
        unitsOfRecipient[r] = switch (rec.kind()) {
          case REGION -> byRegion.getOrDefault(rec.code(), List.of()).stream().mapToInt(Integer::intValue).toArray();
          case KOMMUN -> new int[] {index.get(rec.code())};
          case ENHET -> new int[] {careUnitIndex.get(rec.code())}; // a position in data.units()
        };
      }
    }

    Allocation allocate() {
      int nr = recipients.size();
      Map<RecipientKind, int[]> membersOfKind = new EnumMap<>(RecipientKind.class);
      int[] rankInKind = new int[nr];
      for (RecipientKind kind : RecipientKind.values()) {
        int[] members = IntStream.range(0, nr).filter(r -> recipients.get(r).kind() == kind).toArray();
        membersOfKind.put(kind, members);
        for (int j = 0; j < members.length; j++) {
          rankInKind[members[j]] = j;
        }
      }
      Map<RecipientKind, List<Allocation.PotExplanationSource>> runsOfKind = new EnumMap<>(RecipientKind.class);
      List<Allocation.PotTotal> potTotals = new ArrayList<>();
      for (Pot pot : grant.pots()) {
        Allocation.PotExplanationSource run = apportionPot(pot, membersOfKind.get(pot.recipientKind()));
        runsOfKind.computeIfAbsent(pot.recipientKind(), k -> new ArrayList<>()).add(run);
        potTotals.add(new Allocation.PotTotal(pot.id(), pot.title(), pot.recipientKind(), pot.amount(),
            run.result().allocated()));
      }
      Map<RecipientKind, String[]> potIds = new EnumMap<>(RecipientKind.class);
      Map<RecipientKind, Apportionment.Result[]> results = new EnumMap<>(RecipientKind.class);
      runsOfKind.forEach((kind, runs) -> {
        potIds.put(kind, runs.stream().map(x -> x.pot().id()).toArray(String[]::new));
        results.put(kind, runs.stream().map(Allocation.PotExplanationSource::result).toArray(Apportionment.Result[]::new));
      });
      List<Allocation.RecipientAllocation> allocations = new ArrayList<>(nr);
      for (int r = 0; r < nr; r++) {
        RecipientKind kind = recipients.get(r).kind();
        int j = rankInKind[r];
        List<Allocation.PotExplanationSource> runs = runsOfKind.getOrDefault(kind, List.of());
        PotAmounts pots = new PotAmounts(potIds.getOrDefault(kind, new String[0]),
            results.getOrDefault(kind, new Apportionment.Result[0]), j);
        allocations.add(new Allocation.RecipientAllocation(recipients.get(r), pots, pots.total(),
            new ExplanationList(runs, j)));
      }
      return new Allocation(grant, potTotals, data.provenance(), allocations);
    }

    /** Apportions one pot over its recipients (by position in {@code members}). */
    Allocation.PotExplanationSource apportionPot(Pot pot, int[] members) {
      int n = members.length;
      int nc = pot.key().size();
      long[][] unitValues = new long[nc][];
      for (int c = 0; c < nc; c++) {
        unitValues[c] = pot.recipientKind() == RecipientKind.ENHET ? careUnitMeasure(pot.key().get(c))
            : weightedMeasure(pot.key().get(c));
      }
      long[] values = new long[n * nc]; // values[i * nc + c]: recipient i's value of component c
      long[] totals = new long[nc];
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < nc; c++) {
          long v = 0;
          for (int u : unitsOfRecipient[members[i]]) {
            v = Math.addExact(v, unitValues[c][u]);
          }
          values[i * nc + c] = v;
          totals[c] = Math.addExact(totals[c], v);
        }
      }
      for (int c = 0; c < nc; c++) {
        if (totals[c] == 0) {
          throw new GrantDefinitionException("grant " + grant.id() + ": pot " + pot.id() + ": key component "
              + pot.key().get(c).measure() + " is zero for every " + pot.recipientKind().code()
              + "; the pot cannot be shared");
        }
      }
      BigInteger[] otherTotals = otherTotalsProducts(totals);
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = recipients.get(members[i]).id();
      }
      Apportionment.Result result = apportion(pot, ids, values, nc, otherTotals);
      return new Allocation.PotExplanationSource() {
        @Override
        public Pot pot() {
          return pot;
        }

        @Override
        public Apportionment.Result result() {
          return result;
        }

        @Override
        public List<Allocation.ComponentValue> components(int i) {
          return Run.this.components(pot, members[i], Arrays.copyOfRange(values, i * nc, i * nc + nc), totals);
        }

        @Override
        public List<Allocation.BreakdownLine> breakdown(int i) {
          return "municipality".equals(pot.breakdown())
              ? Run.this.breakdown(pot, unitsOfRecipient[members[i]], unitValues, otherTotals, result.amount(i))
              : List.of();
        }
      };
    }

    /** The key values over the pot's recipients, in long arithmetic when they fit, else BigInteger. */
    static Apportionment.Result apportion(Pot pot, String[] ids, long[] values, int nc, BigInteger[] otherTotals) {
      int n = ids.length;
      try {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
          keys[i] = longKeyValue(pot.key(), values, i * nc, otherTotals);
        }
        return Apportionment.apportion(pot.amount(), ids, keys);
      } catch (ArithmeticException overflow) {
        BigInteger[] keys = new BigInteger[n];
        for (int i = 0; i < n; i++) {
          keys[i] = keyValue(pot.key(), Arrays.copyOfRange(values, i * nc, i * nc + nc), otherTotals);
        }
        return Apportionment.apportion(pot.amount(), ids, keys);
      }
    }

    List<Allocation.ComponentValue> components(Pot pot, int r, long[] values, long[] totals) {
      List<Allocation.ComponentValue> components = new ArrayList<>(values.length);
      for (int c = 0; c < values.length; c++) {
        KeyComponent kc = pot.key().get(c);
        String cls = null;
        Long weight = null;
        if (kc.weightedBy() != null && pot.recipientKind() != RecipientKind.REGION) {
          int m = pot.recipientKind() == RecipientKind.KOMMUN ? unitsOfRecipient[r][0]
              : municipalityIndex.get(data.units().get(unitsOfRecipient[r][0]).kommunkod());
          cls = classes(kc.weightedBy())[m];
          weight = grant.classifications().get(kc.weightedBy()).weights().get(cls);
        }
        components.add(new Allocation.ComponentValue(kc.measure(), kc.weightedBy(), kc.portion(), values[c], totals[c],
            cls, weight));
      }
      return components;
    }

    /** Per municipality (by position): the measure, times the class weight for a weighted component. */
    long[] weightedMeasure(KeyComponent c) {
      return measureCache.computeIfAbsent(c.measure() + "|" + c.weightedBy(), k -> {
        Map<String, Long> measure = data.counts().get(grant.measures().get(c.measure()).dataset());
        long[] out = new long[municipalities.size()];
        String[] cls = c.weightedBy() == null ? null : classes(c.weightedBy());
        Map<String, Long> weights = c.weightedBy() == null ? null
            : grant.classifications().get(c.weightedBy()).weights();
        for (int i = 0; i < out.length; i++) {
          long v = measure.get(municipalities.get(i).code());
          out[i] = cls == null ? v : Math.multiplyExact(v, weights.get(cls[i]));
        }
        return out;
      });
    }

    /**
     * Per care unit (by position): its measure, times the weight of its municipality's class for a weighted
     * component.
     */
    long[] careUnitMeasure(KeyComponent c) {
      return measureCache.computeIfAbsent("enhet|" + c.measure() + "|" + c.weightedBy(), k -> {
        Map<String, Long> measure = data.unitCounts().get(grant.measures().get(c.measure()).dataset());
        List<CareUnit> units = data.units();
        long[] out = new long[units.size()];
        String[] cls = c.weightedBy() == null ? null : classes(c.weightedBy());
        Map<String, Long> weights = c.weightedBy() == null ? null
            : grant.classifications().get(c.weightedBy()).weights();
        for (int i = 0; i < out.length; i++) {
          long v = measure.get(units.get(i).id());
          out[i] = cls == null ? v
              : Math.multiplyExact(v, weights.get(cls[municipalityIndex.get(units.get(i).kommunkod())]));
        }
        return out;
      });
    }

    /** Per municipality (by position): its class in the classification. */
    String[] classes(String classification) {
      return classCache.computeIfAbsent(classification, k -> {
        Map<String, String> byCode = data.classes().get(grant.classifications().get(classification).dataset());
        String[] out = new String[municipalities.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = byCode.get(municipalities.get(i).code());
        }
        return out;
      });
    }

    /** The region's amount apportioned over its municipalities by their key contributions (largest remainder). */
    List<Allocation.BreakdownLine> breakdown(Pot pot, int[] units, long[][] unitValues, BigInteger[] otherTotals,
        long amount) {
      List<Apportionment.Claim> claims = new ArrayList<>();
      List<Integer> contributing = new ArrayList<>();
      long[] v = new long[pot.key().size()];
      for (int u : units) {
        for (int c = 0; c < v.length; c++) {
          v[c] = unitValues[c][u];
        }
        BigInteger k = keyValue(pot.key(), v, otherTotals);
        if (k.signum() > 0) {
          claims.add(new Apportionment.Claim(municipalities.get(u).code(), k));
          contributing.add(u);
        }
      }
      Apportionment.Result split = Apportionment.apportion(amount, claims);
      KeyComponent first = pot.key().get(0);
      long[] measure = weightedMeasure(new KeyComponent(first.measure(), 1, null));
      List<Allocation.BreakdownLine> lines = new ArrayList<>(contributing.size());
      for (int i = 0; i < contributing.size(); i++) {
        int u = contributing.get(i);
        Municipality m = municipalities.get(u);
        String cls = first.weightedBy() == null ? null : classes(first.weightedBy())[u];
        long weight = cls == null ? 1 : grant.classifications().get(first.weightedBy()).weights().get(cls);
        lines.add(new Allocation.BreakdownLine(m.code(), m.name(), cls, weight, measure[u],
            split.share(i).weight(), split.amount(i)));
      }
      return lines;
    }
  }

  /** For each component c: Π_{d≠c} T_d. */
  private static BigInteger[] otherTotalsProducts(long[] totals) {
    BigInteger[] out = new BigInteger[totals.length];
    for (int c = 0; c < totals.length; c++) {
      BigInteger p = BigInteger.ONE;
      for (int d = 0; d < totals.length; d++) {
        if (d != c) {
          p = p.multiply(BigInteger.valueOf(totals[d]));
        }
      }
      out[c] = p;
    }
    return out;
  }

  /** As {@link #keyValue}, in long arithmetic; ArithmeticException when it does not fit. */
  private static long longKeyValue(List<KeyComponent> key, long[] values, int offset, BigInteger[] otherTotals) {
    if (key.size() == 1 && key.get(0).portion() == 1) {
      return values[offset];
    }
    long k = 0;
    for (int c = 0; c < key.size(); c++) {
      k = Math.addExact(k, Math.multiplyExact(Math.multiplyExact(key.get(c).portion(), values[offset + c]),
          otherTotals[c].longValueExact()));
    }
    return k;
  }

  private static BigInteger keyValue(List<KeyComponent> key, long[] values, BigInteger[] otherTotals) {
    if (key.size() == 1 && key.get(0).portion() == 1) {
      return BigInteger.valueOf(values[0]);
    }
    BigInteger k = BigInteger.ZERO;
    for (int c = 0; c < key.size(); c++) {
      k = k.add(BigInteger.valueOf(key.get(c).portion()).multiply(BigInteger.valueOf(values[c])).multiply(otherTotals[c]));
    }
    return k;
  }
}
