package se.bidrag.testkit;

import java.time.Instant;
import se.bidrag.local.Faults;
import se.bidrag.local.LocalRuntime;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the whole local runtime, provisioned from the real template.yaml: started once per
 * test JVM (closed when it exits, passed or failed), reset to a clean state before each test
 * (empty tables and queues, no mail, the clock at {@link #START}). With {@code -Plocalstack} the
 * emulators are LocalStack's (skipped, saying why, where Docker is missing). Use with
 * {@code @ExtendWith(LocalStackExtension.class)} and a {@link LocalRuntime} parameter. Every exchange the
 * tests make through {@link se.bidrag.local.Http} is checked against the API's contract ({@link ApiContract}).
 */
public final class LocalStackExtension implements BeforeEachCallback, ParameterResolver {
  /** Where each test's clock starts: a weekday morning in the 2025 requisition period. */
  public static final Instant START = Instant.parse("2025-03-03T08:00:00Z");

  /** Fault injection on every function's AWS clients; disarmed before each test. */
  public static final Faults FAULTS = new Faults();

  /**
   * -Plocalstack sets bidrag.emulators=localstack: the same tests, against LocalStack in Docker. Retries
   * come fast (a failed SQS message at once, Lambda's asynchronous retries after milliseconds, not minutes).
   */
  public static LocalRuntime.Options options() {
    LocalRuntime.Options options = LocalRuntime.options().clock(START, false).interceptors(java.util.List.of(FAULTS))
        .fastRetries();
    if ("localstack".equals(System.getProperty("bidrag.emulators"))) {
      options.emulators(root -> LocalStackEmulators.start());
    }
    return options;
  }

  private static LocalRuntime shared;

  /**
   * The functions' log lines (JSON, as CloudWatch would get them): {@code target/function-log.jsonl} of the
   * test module, so that the build's output stays readable. A test that reads lines sends them elsewhere
   * for a while ({@code Log.to}) and back here.
   */
  public static final java.io.PrintStream FUNCTION_LOG = functionLog();

  private static java.io.PrintStream functionLog() {
    try {
      java.nio.file.Path file = java.nio.file.Path.of("target", "function-log.jsonl");
      java.nio.file.Files.createDirectories(file.getParent());
      return new java.io.PrintStream(new java.io.FileOutputStream(file.toFile()), true,
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return System.out;
    }
  }

  /**
   * The one runtime of this test JVM, started on first use and closed when the JVM exits; shared with
   * the tests of other engines (jqwik properties), which reset it themselves.
   */
  public static synchronized LocalRuntime shared() {
    if (shared == null) {
      se.bidrag.platform.Log.to(FUNCTION_LOG);
      LocalRuntime runtime = options().start();
      // every request to the template's API and its answer, checked against openapi.yaml
      se.bidrag.local.Http.observe(runtime.api().uri(), ApiContract.shared());
      Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "bidrag-test-runtime-stop"));
      shared = runtime;
    }
    return shared;
  }

  static LocalRuntime runtime(ExtensionContext context) {
    return shared();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    FAULTS.disarm();
    runtime(context).reset(START);
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == LocalRuntime.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return runtime(e);
  }
}
