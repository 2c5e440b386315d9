package se.bidrag.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.AllocationEngine;
import se.bidrag.allocation.BaseData;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.Municipality;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Recipient;

/**
 * The allocation engine, warm: the real 2025 grant (311 recipient roles), and the same four pots
 * over 100 000 synthetic municipalities in 100 regions whose populations and care counts are drawn
 * from the real 290 (±20%). {@code synthetic100kHugeKeys} gives every synthetic municipality up to
 * a million residents, so the key totals pass 2^62 and the exact BigInteger path is measured too.
 * Run: {@code ./bidrag bench allocation}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllocationBenchmark {
  GrantDefinition grant;
  BaseData real;
  BaseData synthetic;
  BaseData syntheticHuge;
  final AllocationEngine engine = new AllocationEngine();

  @Setup
  public void setUp() {
    grant = GrantCatalog.bundled().require("god-och-nara-vard-2025");
    real = new BaseDataLoader(DataFiles.bundled()).load(grant);
    long[] pops = real.counts().get("population").values().stream().mapToLong(Long::longValue).toArray();
    long[] cares = real.counts().get("care-recipients").values().stream().mapToLong(Long::longValue).toArray();
    Random rnd = new Random(42);
    synthetic = synthetic(100_000, 100, rnd, i -> scaled(pops[i % pops.length], rnd),
        (i, pop) -> Math.max(0, scaled(cares[i % cares.length], rnd)));
    Random huge = new Random(7);
    syntheticHuge = synthetic(100_000, 100, huge, i -> 500 + huge.nextInt(1_000_000), (i, pop) -> pop / 25);
  }

  static long scaled(long value, Random rnd) {
    return value * (80 + rnd.nextInt(41)) / 100;
  }

  /** n municipalities in r regions with the given populations and care counts, random rural classes. */
  static BaseData synthetic(int n, int regions, Random rnd, java.util.function.IntToLongFunction population,
      java.util.function.BiFunction<Integer, Long, Long> careCount) {
    String[] classes = {"ej-landsbygdskommun", "tatortsnara-landsbygdskommun", "glesa-landsbygdskommun",
        "mycket-glesa-landsbygdskommun"};
    List<Municipality> municipalities = new ArrayList<>(n);
    List<Recipient> recipients = new ArrayList<>(n + regions);
    Map<String, Long> populations = new HashMap<>();
    Map<String, Long> care = new HashMap<>();
    Map<String, String> rural = new HashMap<>();
    for (int r = 0; r < regions; r++) {
      String lan = String.format("R%03d", r);
      recipients.add(Recipient.region(lan, "Region " + lan, "2321000016"));
    }
    for (int i = 0; i < n; i++) {
      String code = String.format("K%06d", i);
      String lan = String.format("R%03d", i % regions);
      municipalities.add(new Municipality(code, "Kommun " + code, lan, "Län " + lan, "Region " + lan));
      recipients.add(Recipient.kommun(code, "Kommun " + code, lan, "Region " + lan, "2120000019"));
      long pop = population.applyAsLong(i);
      populations.put(code, pop);
      care.put(code, careCount.apply(i, pop));
      rural.put(code, classes[rnd.nextInt(classes.length)]);
    }
    return new BaseData(municipalities, recipients, Map.of("population", populations, "care-recipients", care),
        Map.of("rural-class", rural), List.of());
  }

  @Benchmark
  public Allocation real311() {
    return engine.allocate(grant, real);
  }

  @Benchmark
  public Allocation synthetic100k() {
    return engine.allocate(grant, synthetic);
  }

  @Benchmark
  public Allocation synthetic100kHugeKeys() {
    return engine.allocate(grant, syntheticHuge);
  }
}
