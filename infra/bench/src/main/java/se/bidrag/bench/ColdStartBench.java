package se.bidrag.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.json.Json;
import se.bidrag.local.LocalFunction;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;
import se.bidrag.notification.EmailJob;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Cold starts, measured: for every function of template.yaml a fresh JVM whose class path is exactly
 * the deployment jar (plus the one-class {@link ColdStartRunner}), with the function's environment from
 * the template (JAVA_TOOL_OPTIONS included) pointing at the local stack, runs the handler's init and a
 * first invocation with a realistic event. Beside it, a bare JVM printing hello, in the same run.
 * Figures are medians over {@code --runs} fresh JVMs. Not a test: it prints figures.
 */
@Command(name = "coldstart", mixinStandardHelpOptions = true,
    description = "Per Lambda handler: a fresh JVM with the deployment jar runs init + first invocation against "
        + "the local stack, with and without the SnapStart priming, under each JDK; printed beside a bare-JVM "
        + "hello-world, with the classes loaded and the artifact's size.")
final class ColdStartBench implements Callable<Integer> {
  private static final Pattern FIGURES = Pattern.compile("COLDSTART init_ms=([\\d.]+) prime_ms=([\\d.]+) "
      + "parse_ms=([\\d.]+) invoke_ms=([\\d.]+) warm_ms=([\\d.]+) classes=(-?\\d+) result=(.*)");
  /** The JDKs tried besides the one running this command (Lambda offers java21 and java25; no JDK 21 here). */
  static final List<Path> OTHER_JDKS = List.of(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

  @Option(names = "--runs", defaultValue = "3", description = "Fresh JVMs per function (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--java", split = ",", description = "The java executables, comma-separated (default: the one "
      + "running this command, and Temurin 25 where installed).")
  List<String> javaExecutables;

  @Option(names = "--only", split = ",", description = "Only functions whose logical id contains one of these texts "
      + "(comma-separated).")
  List<String> only;

  record Sample(double totalMs, double initMs, double primeMs, double parseMs, double invokeMs, double warmMs,
      long classes, String result) {}

  /** One function's figures under one JDK (medians). */
  record Row(String function, String event, double total, double init, double parse, double invoke, double prime,
      double primedInvoke, double warm, long classes, long sdkClasses, long primedClasses) {}

  @Override
  public Integer call() throws Exception {
    Path root = ProjectPaths.root();
    Path jar = root.resolve("functions/target/bidrag-functions-lambda.jar");
    if (!Files.isRegularFile(jar)) {
      System.err.println("no deployment jar at " + jar + ": build it first (mvn -B -DskipTests package)");
      return 2;
    }
    List<String> jdks = new ArrayList<>();
    if (javaExecutables != null) {
      jdks.addAll(javaExecutables);
    } else {
      jdks.add(ProcessHandle.current().info().command().orElse("java"));
      OTHER_JDKS.stream().filter(Files::isExecutable).map(Path::toString).forEach(jdks::add);
    }
    Path work = Files.createTempDirectory("bidrag-coldstart");
    Path runnerDir = work.resolve("runner");
    copyRunner(runnerDir);
    String classPath = runnerDir + java.io.File.pathSeparator + jar;
    int failures = 0;
    Map<String, List<Row>> byJdk = new LinkedHashMap<>();
    Map<String, Double> helloByJdk = new LinkedHashMap<>();
    try (LocalRuntime runtime = LocalRuntime.options().clock(Instant.parse("2025-03-03T08:00:00Z"), false).fastRetries().start()) {
      String orgnr = ColdStartEvents.prepare(runtime);
      String javaToolOptions = runtime.functions().values().iterator().next().environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
      System.out.printf("JAVA_TOOL_OPTIONS from template.yaml: %s; %d fresh JVMs per figure, medians; deployment "
          + "artifact %s, %.1f MB (CodeUri of every function)%n", javaToolOptions, runs, root.relativize(jar),
          Files.size(jar) / 1e6);
      for (String javaExe : jdks) {
        String version = version(javaExe);
        System.out.printf("%nJVM: %s (%s)%n", javaExe, version);
        Map<String, String> helloEnv = new LinkedHashMap<>();
        helloEnv.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        List<Sample> hello = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          hello.add(run(javaExe, runnerDir.toString(), List.of("hello"), helloEnv, List.of()));
        }
        double helloMs = median(hello, Sample::totalMs);
        helloByJdk.put(version, helloMs);
        System.out.print(ColdStartReport.header(helloMs));
        List<Row> rows = new ArrayList<>();
        for (LocalFunction f : runtime.functions().values()) {
          if (only != null && only.stream().noneMatch(f.name()::contains)) {
            continue;
          }
          ColdStartEvents.Event event = ColdStartEvents.event(f.definition(), runtime, orgnr);
          Path file = work.resolve(f.name() + ".json");
          Files.write(file, event.json());
          Map<String, String> env = new LinkedHashMap<>(f.environment());
          List<String> args = List.of(f.definition().handlerClass(), file.toString(), event.inputType());
          List<String> primedArgs = new ArrayList<>(args);
          primedArgs.add("primed");
          List<Sample> samples = new ArrayList<>();
          List<Sample> primed = new ArrayList<>();
          for (int i = 0; i < runs; i++) {
            samples.add(run(javaExe, classPath, args, env, List.of()));
            primed.add(run(javaExe, classPath, primedArgs, env, List.of()));
          }
          // classes: every class the JVM loaded up to the first answer (unprimed), and those the first
          // invocation after priming still loaded; counted in runs of their own, outside the timings
          Path classLog = work.resolve(f.name() + ".classes.log");
          run(javaExe, classPath, args, env, List.of("-Xlog:class+load=info:file=" + classLog));
          List<String> loaded = Files.readAllLines(classLog).stream().filter(l -> l.contains("[class,load]")).toList();
          long sdk = loaded.stream().filter(l -> l.contains("] software.amazon.awssdk.")).count();
          Path primedLog = root.resolve("target/coldstart-classes/" + version.split("[.+ ]")[0] + "/" + f.name() + ".txt");
          long primedClasses = run(javaExe, classPath, primedArgs, env, List.of("-Dcoldstart.count=true",
              "-Xlog:class+load=info:stderr"), primedLog).classes();
          Row row = new Row(f.name(), event.kind(), median(samples, Sample::totalMs), median(samples, Sample::initMs),
              median(samples, Sample::parseMs), median(samples, Sample::invokeMs), median(primed, Sample::primeMs),
              median(primed, Sample::invokeMs), median(primed, Sample::warmMs), loaded.size(), sdk, primedClasses);
          rows.add(row);
          System.out.print(ColdStartReport.row(row, helloMs));
          String result = samples.get(samples.size() - 1).result();
          if (!event.expectedResult().matcher(result).find()) {
            failures++;
            System.out.println("    unexpected result: " + result);
          }
        }
        byJdk.put(version, rows);
      }
      String report = ColdStartReport.full(byJdk, helloByJdk);
      Path out = root.resolve("target/coldstart.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report, StandardCharsets.UTF_8);
      System.out.println();
      System.out.print(ColdStartReport.comparison(byJdk, helloByJdk));
      System.out.println();
      System.out.println(ColdStartReport.LEGEND + " Tables also in " + root.relativize(out));
      return failures == 0 ? 0 : 1;
    } finally {
      deleteRecursively(work);
    }
  }

  private static String version(String javaExe) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(javaExe, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    Matcher m = Pattern.compile("java\\.runtime\\.version = (\\S+)").matcher(out);
    String vendor = out.lines().filter(l -> l.contains("java.vendor = ")).map(l -> l.substring(l.indexOf('=') + 2))
        .findFirst().orElse("");
    return (m.find() ? m.group(1) : "?") + " " + vendor;
  }

  private static Sample run(String javaExe, String classPath, List<String> args, Map<String, String> env,
      List<String> jvmOptions) throws IOException, InterruptedException {
    return run(javaExe, classPath, args, env, jvmOptions, null);
  }

  /** With {@code invocationClasses}: the classes loaded after the runner's mark (the first invocation) are listed there. */
  private static Sample run(String javaExe, String classPath, List<String> args, Map<String, String> env,
      List<String> jvmOptions, Path invocationClasses) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaExe));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, ColdStartRunner.class.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    Path errFile = invocationClasses == null ? null : Files.createTempFile("coldstart", ".err");
    if (errFile != null) {
      pb.redirectError(errFile.toFile());
    }
    Map<String, String> e = pb.environment();
    e.clear();
    e.putAll(env);
    e.put("PATH", se.bidrag.local.LocalEnvironment.path());
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out;
    try (InputStream in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("no answer in 120 s: " + command);
    }
    double total = (System.nanoTime() - t0) / 1e6;
    String stdout = new String(out, StandardCharsets.UTF_8);
    if (invocationClasses != null) {
      String err = Files.readString(errFile);
      Files.delete(errFile);
      int mark = err.indexOf("COLDSTART-MARK invocation");
      int end = err.indexOf("COLDSTART-MARK end");
      err = end < 0 ? err : err.substring(0, end);
      Files.createDirectories(invocationClasses.getParent());
      Files.write(invocationClasses, (mark < 0 ? "" : err.substring(mark)).lines()
          .filter(l -> l.contains("[class,load]")).map(l -> l.replaceAll("^.*\\[class,load] ", "")).toList());
    }
    if (args.get(0).equals("hello")) {
      return new Sample(total, 0, 0, 0, 0, 0, 0, "hello");
    }
    String line = Arrays.stream(stdout.split("\n")).filter(l -> l.startsWith("COLDSTART")).findFirst().orElse(null);
    Matcher m = line == null ? null : FIGURES.matcher(line);
    if (m == null || !m.find() || p.exitValue() != 0) {
      String err = errFile != null ? "" : new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      throw new IllegalStateException("the function failed (exit " + p.exitValue() + "): " + stdout + err);
    }
    return new Sample(total, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
        Long.parseLong(m.group(6)), m.group(7));
  }

  private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
    double[] v = samples.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static void copyRunner(Path dir) throws IOException {
    String resource = ColdStartRunner.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = ColdStartRunner.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot find " + resource);
      }
      Files.copy(in, target);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
