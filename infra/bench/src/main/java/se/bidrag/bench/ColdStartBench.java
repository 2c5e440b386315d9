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
        + "the local stack; printed beside a bare-JVM hello-world, with the artifact's size.")
final class ColdStartBench implements Callable<Integer> {
  private static final String GRANT = "god-och-nara-vard-2025";
  private static final String AGENCY = "2021000555";
  private static final String RECIPIENT = "kommun-0114";
  private static final Pattern FIGURES = Pattern.compile("COLDSTART init_ms=([\\d.]+) prime_ms=([\\d.]+) invoke_ms=([\\d.]+) result=(.*)");

  @Option(names = "--runs", defaultValue = "3", description = "Fresh JVMs per function (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--java", description = "The java executable (default: the one running this command).")
  String javaExecutable;

  @Option(names = "--only", description = "Only functions whose logical id contains this text.")
  String only;

  record Sample(double totalMs, double initMs, double primeMs, double invokeMs, String result) {}

  @Override
  public Integer call() throws Exception {
    Path root = ProjectPaths.root();
    Path jar = root.resolve("functions/target/bidrag-functions-lambda.jar");
    if (!Files.isRegularFile(jar)) {
      System.err.println("no deployment jar at " + jar + ": build it first (mvn -B -DskipTests package)");
      return 2;
    }
    String javaExe = javaExecutable != null ? javaExecutable : ProcessHandle.current().info().command().orElse("java");
    Path work = Files.createTempDirectory("bidrag-coldstart");
    Path runnerDir = work.resolve("runner");
    copyRunner(runnerDir);
    String classPath = runnerDir + java.io.File.pathSeparator + jar;

    try (LocalRuntime runtime = LocalRuntime.options().clock(Instant.parse("2025-03-03T08:00:00Z"), false).fastRetries().start()) {
      String orgnr = prepare(runtime);
      String javaToolOptions = runtime.functions().values().iterator().next().environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
      System.out.printf("JVM: %s (%s); JAVA_TOOL_OPTIONS from template.yaml: %s; %d fresh JVMs per row, medians%n",
          javaExe, Runtime.version(), javaToolOptions, runs);
      System.out.printf("Deployment artifact: %s, %.1f MB (CodeUri of every function)%n%n", root.relativize(jar),
          Files.size(jar) / 1e6);

      Map<String, String> helloEnv = new LinkedHashMap<>();
      helloEnv.put("JAVA_TOOL_OPTIONS", javaToolOptions);
      List<Sample> hello = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        hello.add(run(javaExe, runnerDir.toString(), List.of("hello"), helloEnv));
      }
      double helloMs = median(hello, Sample::totalMs);

      StringBuilder table = new StringBuilder();
      table.append(String.format("| %-26s | %-8s | %8s | %7s | %9s | %8s | %9s | %14s |%n", "function", "event",
          "total ms", "init ms", "invoke ms", "vs hello", "prime ms", "invoke primed"));
      table.append("|").append("-".repeat(28)).append("|").append("-".repeat(10)).append("|").append("-".repeat(10))
          .append("|").append("-".repeat(9)).append("|").append("-".repeat(11)).append("|").append("-".repeat(10))
          .append("|").append("-".repeat(11)).append("|").append("-".repeat(16)).append("|\n");
      table.append(String.format("| %-26s | %-8s | %8.0f | %7s | %9s | %8s | %9s | %14s |%n", "(bare JVM: hello world)",
          "-", helloMs, "-", "-", "1.0×", "-", "-"));
      System.out.print(table);
      int failures = 0;
      for (LocalFunction f : runtime.functions().values()) {
        if (only != null && !f.name().contains(only)) {
          continue;
        }
        Event event = event(f.definition(), runtime, orgnr);
        Path file = work.resolve(f.name() + ".json");
        Files.write(file, event.json());
        Map<String, String> env = new LinkedHashMap<>(f.environment());
        List<Sample> samples = new ArrayList<>();
        List<Sample> primed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          samples.add(run(javaExe, classPath, List.of(f.definition().handlerClass(), file.toString(),
              event.inputType()), env));
          primed.add(run(javaExe, classPath, List.of(f.definition().handlerClass(), file.toString(),
              event.inputType(), "primed"), env));
        }
        double total = median(samples, Sample::totalMs);
        String row = String.format("| %-26s | %-8s | %8.0f | %7.0f | %9.0f | %7.1f× | %9.0f | %14.0f |%n", f.name(),
            event.kind(), total, median(samples, Sample::initMs), median(samples, Sample::invokeMs), total / helloMs,
            median(primed, Sample::primeMs), median(primed, Sample::invokeMs));
        table.append(row);
        System.out.print(row);
        String result = samples.get(samples.size() - 1).result();
        if (!event.expectedResult().matcher(result).find()) {
          failures++;
          System.out.println("    unexpected result: " + result);
        }
      }
      Path out = root.resolve("target/coldstart.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
      System.out.println();
      System.out.println("total = process start to first response, as this process measured it; init = handler class "
          + "loaded and constructed; invoke = event read + first invocation; prime = the handler's SnapStart priming "
          + "hooks run before the invocation, as before a snapshot; invoke primed = the first invocation after them "
          + "(what a restored snapshot still pays, restore itself not included). Table also in " + root.relativize(out));
      return failures == 0 ? 0 : 1;
    } finally {
      deleteRecursively(work);
    }
  }

  /** The event a function's first invocation gets, and what a correct answer looks like. */
  record Event(String kind, String inputType, byte[] json, Pattern expectedResult) {}

  /** A published grant, an ombud, one requisition, a payout run whose payment messages wait in the queue. */
  private static String prepare(LocalRuntime runtime) {
    var client = new BenchCommand.LoadClient(runtime);
    try {
      client.publishAndRegister();
      String orgnr = Json.parse(client.send("GET", "/grants/" + GRANT + "/allocations/" + RECIPIENT, client.admin, null,
          null).body()).path("orgnr").asText();
      var r = client.send("PUT", "/grants/" + GRANT + "/requisitions/" + RECIPIENT,
          runtime.jwt().mint("ombud-" + orgnr, orgnr, "ombud", "Ombud", Duration.ofHours(1)),
          BenchCommand.LoadClient.body(100_000), null);
      if (r.status() != 201) {
        throw new IllegalStateException("requisition: " + r.status() + " " + r.body());
      }
      client.send("POST", "/grants/" + GRANT + "/payouts:run", client.admin, null, null);
      return orgnr;
    } catch (Exception e) {
      throw new IllegalStateException("preparing the local stack failed: " + e, e);
    }
  }

  private static Event event(SamTemplate.Function f, LocalRuntime runtime, String orgnr) throws IOException {
    ObjectMapper mapper = Json.MAPPER;
    List<SamTemplate.Event> http = f.events().stream().filter(e -> e.type().equals("HttpApi")).toList();
    if (!http.isEmpty()) {
      SamTemplate.Event chosen = http.stream()
          .filter(e -> "GET".equals(e.properties().get("Method")) && String.valueOf(e.properties().get("Path")).contains("{grantId}"))
          .findFirst().orElse(http.stream().filter(e -> "GET".equals(e.properties().get("Method"))).findFirst()
              .orElse(http.get(0)));
      String method = String.valueOf(chosen.properties().get("Method"));
      String template = String.valueOf(chosen.properties().get("Path"));
      Map<String, String> params = new LinkedHashMap<>();
      String path = template;
      Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
      while (m.find()) {
        String value = switch (m.group(1)) {
          case "grantId" -> GRANT;
          case "recipientId" -> RECIPIENT;
          case "orgnr" -> orgnr;
          case "number" -> "2026000001";
          case "subject" -> "rep-1";
          case "address" -> "registrator@example.se";
          default -> "x";
        };
        params.put(m.group(1), value);
        path = path.replace(m.group(), value);
      }
      Map<String, String> claims = Map.of("sub", "handlaggare-1", "orgnr", AGENCY, "roles", "[handlaggare attestant]",
          "scope", "bidrag/agency", "name", "Handläggare", "iss", "urn:bidrag:local-issuer", "aud", "bidrag");
      var context = APIGatewayV2HTTPEvent.RequestContext.builder().withAccountId("000000000000").withApiId("local")
          .withStage("$default").withRouteKey(method + " " + template).withRequestId("coldstart")
          .withTimeEpoch(System.currentTimeMillis())
          .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
              .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").withUserAgent("coldstart").build())
          .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
              .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims)
                  .withScopes(List.of()).build()).build())
          .build();
      APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withVersion("2.0")
          .withRouteKey(method + " " + template).withRawPath(path).withRawQueryString("")
          .withHeaders(Map.of("accept", "application/json", "host", "localhost"))
          .withPathParameters(params.isEmpty() ? null : params).withRequestContext(context).withIsBase64Encoded(false)
          .build();
      return new Event("HTTP " + method, APIGatewayV2HTTPEvent.class.getName(), mapper.writeValueAsBytes(event),
          Pattern.compile("statusCode=[234]\\d\\d"));
    }
    boolean sqs = f.events().stream().anyMatch(e -> e.type().equals("SQS"));
    if (sqs) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId("coldstart-1");
      message.setReceiptHandle("coldstart");
      message.setEventSource("aws:sqs");
      message.setAttributes(Map.of("ApproximateReceiveCount", "1"));
      String handler = f.handlerClass();
      if (handler.endsWith("EmailSenderHandler")) {
        message.setBody(Json.write(new EmailJob("coldstart:1", "registrator@example.se", "Kallstart", "Text",
            "<p>Text</p>", List.of(), Map.of("grant", GRANT)).toJson()));
      } else if (handler.endsWith("PaymentFileHandler")) {
        Message waiting = runtime.platform().sqs().receiveMessage(b -> b.queueUrl(runtime.queueUrl("PaymentQueue"))
            .maxNumberOfMessages(1).visibilityTimeout(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages().stream().findFirst().orElseThrow(() -> new IllegalStateException("no payment message waiting"));
        message.setBody(waiting.body());
        Map<String, String> attributes = new LinkedHashMap<>();
        waiting.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
        message.setAttributes(attributes);
      } else if (handler.endsWith("InvoicingEventHandler")) {
        message.setBody(Json.write(Json.object().put("type", "report").put("grantId", GRANT).put("recipientId", RECIPIENT)
            .put("version", 1)));
      } else if (handler.endsWith("SesEventHandler")) {
        var bounce = Json.object().put("notificationType", "Bounce");
        bounce.putObject("mail").put("messageId", "coldstart");
        var b = bounce.putObject("bounce").put("bounceType", "Permanent").put("bounceSubType", "General");
        b.putArray("bouncedRecipients").addObject().put("emailAddress", "coldstart@example.invalid");
        message.setBody(Json.write(Json.object().put("Type", "Notification").put("Message", Json.write(bounce))));
      } else {
        message.setBody("{}");
      }
      SQSEvent event = new SQSEvent();
      event.setRecords(List.of(message));
      // an SQS function answers with the failed items: none is the correct answer (except a report not found)
      return new Event("SQS", SQSEvent.class.getName(), mapper.writeValueAsBytes(event),
          handler.endsWith("InvoicingEventHandler") ? Pattern.compile("batchItemFailures") : Pattern.compile("batchItemFailures=\\[]"));
    }
    return new Event("schedule", Map.class.getName(), mapper.writeValueAsBytes(Map.of("grantId", GRANT)),
        Pattern.compile("\\{.*}"));
  }

  private static Sample run(String javaExe, String classPath, List<String> args, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(javaExe, "-cp", classPath, ColdStartRunner.class.getName()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
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
    if (args.get(0).equals("hello")) {
      return new Sample(total, 0, 0, 0, "hello");
    }
    String line = Arrays.stream(stdout.split("\n")).filter(l -> l.startsWith("COLDSTART")).findFirst().orElse(null);
    Matcher m = line == null ? null : FIGURES.matcher(line);
    if (m == null || !m.find() || p.exitValue() != 0) {
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      throw new IllegalStateException("the function failed (exit " + p.exitValue() + "): " + stdout + err);
    }
    return new Sample(total, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
        Double.parseDouble(m.group(3)), m.group(4));
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
