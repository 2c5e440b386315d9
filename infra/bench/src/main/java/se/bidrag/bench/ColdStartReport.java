package se.bidrag.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cold-start benchmark's tables: one per JDK, and the JDKs side by side. */
final class ColdStartReport {
  static final String LEGEND = "total = process start to first response, as this process measured it; init = handler "
      + "class loaded and constructed; parse = the event read into the handler's input type (the runtime's part); "
      + "invoke = the handler's first invocation; prime = the SnapStart priming hooks, run before the invocation as "
      + "before a snapshot; primed = the handler's first invocation after them (what a restored snapshot still pays; "
      + "the restore itself is not measured: no CRaC JVM here); warm = the same event once more (the work itself); "
      + "classes = loaded by the JVM up to the first answer "
      + "(SDK: software.amazon.awssdk.*); primed cls = classes the first invocation after priming still loaded.";

  private ColdStartReport() {}

  static String header(double helloMs) {
    return String.format(Locale.ROOT, "| %-26s | %-8s | %8s | %7s | %5s | %6s | %8s | %6s | %6s | %6s | %7s | %5s "
        + "| %10s |%n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"
        + "| %-26s | %-8s | %8.0f | %7s | %5s | %6s | %8s | %6s | %6s | %6s | %7s | %5s | %10s |%n",
        "function", "event", "total ms", "init ms", "parse", "invoke", "vs hello", "prime", "primed", "warm", "classes",
        "SDK", "primed cls", "(bare JVM: hello world)", "-", helloMs, "-", "-", "-", "1.0×", "-", "-", "-", "-", "-", "-");
  }

  static String row(ColdStartBench.Row r, double helloMs) {
    return String.format(Locale.ROOT, "| %-26s | %-8s | %8.0f | %7.0f | %5.0f | %6.0f | %7.1f× | %6.0f | %6.1f | %6.1f "
        + "| %7d | %5d | %10d |%n", r.function(), r.event(), r.total(), r.init(), r.parse(), r.invoke(),
        r.total() / helloMs, r.prime(), r.primedInvoke(), r.warm(), r.classes(), r.sdkClasses(), r.primedClasses());
  }

  static String full(Map<String, List<ColdStartBench.Row>> byJdk, Map<String, Double> hello) {
    StringBuilder out = new StringBuilder();
    byJdk.forEach((jdk, rows) -> {
      out.append("JVM: ").append(jdk).append("\n\n").append(header(hello.get(jdk)));
      rows.forEach(r -> out.append(row(r, hello.get(jdk))));
      out.append('\n');
    });
    return out.append(comparison(byJdk, hello)).toString();
  }

  /** Per function: total and primed first invocation under each JDK, and the ratio of the later to the first. */
  static String comparison(Map<String, List<ColdStartBench.Row>> byJdk, Map<String, Double> hello) {
    if (byJdk.size() < 2) {
      return "";
    }
    List<String> jdks = List.copyOf(byJdk.keySet());
    String a = jdks.get(0);
    String b = jdks.get(1);
    StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "JDKs side by side: A = %s, B = %s%n%n"
        + "| function | total A ms | total B ms | B/A | vs hello A | vs hello B | primed A ms | primed B ms | warm A ms "
        + "| warm B ms |%n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n", a, b));
    t.append(String.format(Locale.ROOT, "| (hello) | %.0f | %.0f | %.2f | 1.0× | 1.0× | - | - | - | - |%n", hello.get(a),
        hello.get(b), hello.get(b) / hello.get(a)));
    for (ColdStartBench.Row ra : byJdk.get(a)) {
      byJdk.get(b).stream().filter(rb -> rb.function().equals(ra.function())).findFirst().ifPresent(rb ->
          t.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.2f | %.1f× | %.1f× | %.1f | %.1f | %.1f | %.1f |%n",
              ra.function(), ra.total(), rb.total(), rb.total() / ra.total(), ra.total() / hello.get(a),
              rb.total() / hello.get(b), ra.primedInvoke(), rb.primedInvoke(), ra.warm(), rb.warm())));
    }
    return t.toString();
  }
}
