package se.bidrag.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The JMH benchmarks, run in a forked JVM as JMH prescribes: {@code ./bidrag bench allocation} and
 * {@code ./bidrag bench documents}; any further arguments are JMH's own options (e.g. {@code -f 2 -wi 3}).
 */
final class JmhBench {
  private JmhBench() {}

  static int run(String benchmark, List<String> jmhOptions) throws Exception {
    List<String> args = new ArrayList<>(jmhOptions);
    args.add(benchmark);
    // JMH forks a JVM with this process's class path (the launcher's), where the generated harness is.
    org.openjdk.jmh.Main.main(args.toArray(String[]::new));
    return 0;
  }

  @Command(name = "allocation", mixinStandardHelpOptions = true,
      description = "JMH: the allocation engine (the 2025 grant, 100 000 synthetic municipalities, the exact BigInteger path).")
  static final class Allocation implements Callable<Integer> {
    @Unmatched
    List<String> jmh = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return run(AllocationBenchmark.class.getSimpleName(), jmh);
    }
  }

  @Command(name = "documents", mixinStandardHelpOptions = true,
      description = "JMH: rendering one invoice (Peppol UBL and PDF).")
  static final class Documents implements Callable<Integer> {
    @Unmatched
    List<String> jmh = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return run(InvoiceDocumentsBenchmark.class.getSimpleName(), jmh);
    }
  }
}
