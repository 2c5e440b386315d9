package se.bidrag.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.regex.Pattern;
import se.bidrag.json.Json;

/**
 * Structured logs: one JSON object per line on stdout, which CloudWatch Logs indexes (Lambda's JSON
 * log format passes a line that is already JSON through as it is). No e-mail address reaches a log
 * line: every text written (message, values, errors and stack traces) has its addresses masked
 * ({@code r***@kommun.example.se}); callers log ids, never names.
 *
 * <p>Every line of an invocation carries its context ({@link LogContext}): {@code requestId} (Lambda's),
 * {@code function}, {@code grant} and {@code correlationId}, the id that follows one request through
 * the queues to the e-mail and the invoice.
 */
public final class Log {
  private static final Pattern EMAIL = Pattern.compile(
      "([A-Za-z0-9_%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
  private static volatile PrintStream sink = System.out;

  private Log() {}

  /** Where the lines go: stdout on Lambda; the local tools may send them to a file. */
  public static void to(PrintStream out) {
    sink = out;
  }

  private static final PrintStream DROPPED = new PrintStream(java.io.OutputStream.nullOutputStream());

  /**
   * Runs {@code action} with every line dropped (lines are still built): a dry run's log and metric lines
   * ({@link DryRun}) must not reach the function's log, where they would read as work done and count as
   * metrics. The sink is process-wide, so lines other threads write meanwhile are dropped too (priming runs
   * before any invocation).
   */
  static void muted(Runnable action) {
    synchronized (MUTE) { // one dry run at a time: two overlapping ones would restore each other's DROPPED sink
      PrintStream before = sink;
      sink = DROPPED;
      try {
        action.run();
      } finally {
        sink = before;
      }
    }
  }

  private static final Object MUTE = new Object();

  /** The text with every e-mail address masked: the first character of the local part, then {@code ***@domain}. */
  public static String mask(String text) {
    return text == null ? null : EMAIL.matcher(text).replaceAll("$1***@$2");
  }

  /** Writes a line as it is (an embedded-metric-format document). */
  static void emit(String line) {
    sink.println(line);
  }

  public static void info(String message, Object... keyValues) {
    sink.println(Json.write(entry("INFO", message, keyValues)));
  }

  public static void warn(String message, Object... keyValues) {
    sink.println(Json.write(entry("WARN", message, keyValues)));
  }

  public static void error(String message, Throwable t, Object... keyValues) {
    ObjectNode e = entry("ERROR", message, keyValues);
    if (t != null) {
      StringWriter sw = new StringWriter();
      t.printStackTrace(new PrintWriter(sw));
      e.put("error", mask(t.toString()));
      e.put("stackTrace", mask(sw.toString()));
    }
    sink.println(Json.write(e));
  }

  private static ObjectNode entry(String level, String message, Object... keyValues) {
    ObjectNode o = Json.object();
    o.put("timestamp", Instant.now().toString());
    o.put("level", level);
    o.put("message", mask(message));
    LogContext.current().writeTo(o);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      if (v instanceof Number n) {
        o.put(String.valueOf(keyValues[i]), n.longValue());
      } else {
        o.put(String.valueOf(keyValues[i]), mask(String.valueOf(v)));
      }
    }
    return o;
  }
}
