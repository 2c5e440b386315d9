package se.bidrag.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Lambda Java runtime does in a new execution environment, and nothing else: load the
 * handler class from the deployment jar, construct it (the function's init), read the event into the
 * handler's input type, invoke once. Run by {@code ./bidrag bench coldstart} in a fresh JVM whose
 * class path is exactly the deployment jar plus this one class; prints one line of figures.
 * {@code hello} prints and exits: the bare JVM's start-up, for comparison. With {@code primed} as the
 * fourth argument the handler's SnapStart priming hooks run between init and the invocation, as they
 * would before a snapshot: the invocation then shows what a restored environment still pays. The event
 * is read (the runtime's part, {@code parse_ms}) apart from the handler's invocation ({@code invoke_ms}).
 * With {@code -Dcoldstart.count=true} it also prints how many classes the invocation loaded.
 */
public final class ColdStartRunner {
  private ColdStartRunner() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    if (args.length == 1 && args[0].equals("hello")) {
      System.out.println("COLDSTART hello");
      return;
    }
    String handlerClass = args[0];
    Class<?> inputType = Class.forName(args[2]);
    Class<?> type = Class.forName(handlerClass);
    Object handler = type.getConstructor().newInstance();
    long primeNanos = 0;
    if (args.length > 3 && args[3].equals("primed")) {
      // what SnapStart does before its snapshot: the org.crac hooks the handler registered
      long p0 = System.nanoTime();
      Class.forName("se.bidrag.platform.Priming").getMethod("primeAll").invoke(null);
      primeNanos = System.nanoTime() - p0;
    }
    boolean count = Boolean.getBoolean("coldstart.count");
    java.lang.management.ClassLoadingMXBean classes = count ? java.lang.management.ManagementFactory
        .getClassLoadingMXBean() : null;
    long t1 = System.nanoTime();
    // the runtime's part: read the event into the handler's input type (on Lambda, the runtime's own Jackson)
    ObjectMapper mapper = JsonMapper.builder().configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();
    Object input = mapper.readValue(Files.readAllBytes(Path.of(args[1])), inputType);
    Method handle = type.getMethod("handleRequest", inputType, com.amazonaws.services.lambda.runtime.Context.class);
    long classesBefore = -1;
    if (count) {
      classesBefore = classes.getTotalLoadedClassCount();
      System.err.println("COLDSTART-MARK invocation"); // with -Xlog:class+load on stderr: what follows is the handler's
    }
    long t2 = System.nanoTime();
    Object output = handle.invoke(handler, input, null);
    long t3 = System.nanoTime();
    // the same event again: what the invocation costs warm, to tell the first invocation's extra from its work
    // (primed runs only: an unprimed run's total is measured to the process's end)
    if (primeNanos > 0) {
      handle.invoke(handler, mapper.readValue(Files.readAllBytes(Path.of(args[1])), inputType), null);
    }
    long t4 = System.nanoTime();
    long classesAfter = -1;
    if (count) {
      classesAfter = classes.getTotalLoadedClassCount();
      System.err.println("COLDSTART-MARK end");
    }
    String result = String.valueOf(output).replace('\n', ' ');
    System.out.printf("COLDSTART init_ms=%.1f prime_ms=%.1f parse_ms=%.1f invoke_ms=%.1f warm_ms=%.1f classes=%d "
        + "result=%s%n", (t1 - t0 - primeNanos) / 1e6, primeNanos / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t4 - t3) / 1e6,
        classesAfter - classesBefore,
        result.length() > 200 ? result.substring(0, 200) : result);
  }
}
