package se.bidrag.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.local.ProjectPaths;

/**
 * The cold-start cost of the telemetry, ours against Powertools for AWS Lambda (Java): fresh JVMs with the
 * deployment jar (and, for Powertools, its jars) run {@link TelemetryProbe}: nothing, our log line and EMF
 * metric, or Powertools' (Log4j 2 JSON layout, metrics). Medians of {@code --runs}, the JVM options from
 * template.yaml. Not a test: it prints figures.
 */
@Command(name = "telemetry", mixinStandardHelpOptions = true,
    description = "Cold-start cost of one log line + one EMF metric: our own logger vs Powertools (fresh JVMs).")
final class TelemetryBench implements Callable<Integer> {
  private static final Pattern FIGURES = Pattern.compile("TELEMETRY first_ms=([\\d.]+) second_ms=([\\d.]+)");
  private static final String LOG4J2 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration>
        <Appenders>
          <Console name="JsonAppender" target="SYSTEM_OUT">
            <JsonTemplateLayout eventTemplateUri="classpath:LambdaJsonLayout.json"/>
          </Console>
        </Appenders>
        <Loggers>
          <Root level="INFO"><AppenderRef ref="JsonAppender"/></Root>
        </Loggers>
      </Configuration>
      """;

  @Option(names = "--runs", defaultValue = "7", description = "Fresh JVMs per variant (default: ${DEFAULT-VALUE}).")
  int runs;

  record Sample(double totalMs, double firstMs, double secondMs) {}

  @Override
  public Integer call() throws Exception {
    Path root = ProjectPaths.root();
    Path jar = root.resolve("functions/target/bidrag-functions-lambda.jar");
    Path powertools = root.resolve("infra/bench/target/powertools-classpath.txt");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(powertools)) {
      System.err.println("build first (mvn -B -DskipTests package): needs " + jar + " and " + powertools);
      return 2;
    }
    Path work = Files.createTempDirectory("bidrag-telemetry");
    try {
      Path probe = work.resolve("probe");
      for (String c : List.of("", "$Own", "$Powertools", "$ProbeContext")) {
        copyClass(probe, TelemetryProbe.class.getName() + c);
      }
      Files.writeString(probe.resolve("log4j2.xml"), LOG4J2);
      String own = probe + File.pathSeparator + jar;
      // Powertools' jars before the deployment jar's (which holds an slf4j 1.7 API a Powertools build would lift)
      String pt = probe + File.pathSeparator + Files.readString(powertools).strip() + File.pathSeparator + jar;
      String javaExe = ProcessHandle.current().info().command().orElse("java");
      String options = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"; // template.yaml's JAVA_TOOL_OPTIONS
      System.out.printf("JVM %s, JAVA_TOOL_OPTIONS %s; %d fresh JVMs per variant, medians; Powertools jars: %.1f MB%n%n",
          Runtime.version(), options, runs, Arrays.stream(Files.readString(powertools).strip().split(File.pathSeparator))
              .mapToLong(p -> new File(p).length()).sum() / 1e6);
      Map<String, String> variants = new java.util.LinkedHashMap<>();
      variants.put("none", own);
      variants.put("own", own);
      variants.put("powertools", pt);
      Map<String, List<Sample>> samples = new java.util.LinkedHashMap<>();
      for (int i = 0; i < runs; i++) { // interleaved, so that a change in the machine's load hits all alike
        for (var v : variants.entrySet()) {
          samples.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add(run(javaExe, v.getValue(), options, v.getKey()));
        }
      }
      double base = median(samples.get("none"), Sample::totalMs);
      System.out.println("| variant | process total ms | first invocation's telemetry ms | second ms | cost over none ms |");
      System.out.println("|---|---|---|---|---|");
      for (var e : samples.entrySet()) {
        double total = median(e.getValue(), Sample::totalMs);
        System.out.printf("| %s | %.0f | %.1f | %.2f | %+.0f |%n", e.getKey(), total, median(e.getValue(), Sample::firstMs),
            median(e.getValue(), Sample::secondMs), total - base);
      }
      return 0;
    } finally {
      try (var walk = Files.walk(work)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static Sample run(String javaExe, String classPath, String options, String mode)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(javaExe, "-cp", classPath, TelemetryProbe.class.getName(), mode);
    pb.environment().put("JAVA_TOOL_OPTIONS", options);
    pb.environment().put("POWERTOOLS_SERVICE_NAME", "bidrag");
    pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "RequisitionFunction");
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("no answer in 60 s: " + mode);
    }
    double total = (System.nanoTime() - t0) / 1e6;
    String stdout = new String(out, StandardCharsets.UTF_8);
    Matcher m = FIGURES.matcher(stdout);
    if (p.exitValue() != 0 || !m.find()) {
      throw new IllegalStateException(mode + " failed (exit " + p.exitValue() + "): " + stdout
          + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
    return new Sample(total, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
  }

  private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
    double[] v = samples.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void copyClass(Path dir, String className) throws IOException {
    String resource = className.replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = TelemetryBench.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot find " + resource);
      }
      Files.copy(in, target);
    }
  }
}
