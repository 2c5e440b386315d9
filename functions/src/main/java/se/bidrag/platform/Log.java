package se.bidrag.platform;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import se.bidrag.json.Json;

/** Structured logs: one JSON object per line on stdout, which CloudWatch Logs indexes. */
public final class Log {
  private static volatile PrintStream sink = System.out;

  private Log() {}

  /** Where the lines go: stdout on Lambda; the local tools may send them to a file. */
  public static void to(PrintStream out) {
    sink = out;
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
      e.put("error", t.toString());
      e.put("stackTrace", sw.toString());
    }
    sink.println(Json.write(e));
  }

  private static ObjectNode entry(String level, String message, Object... keyValues) {
    ObjectNode o = Json.object();
    o.put("timestamp", Instant.now().toString());
    o.put("level", level);
    o.put("message", message);
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      Object v = keyValues[i + 1];
      if (v instanceof Number n) {
        o.put(String.valueOf(keyValues[i]), n.longValue());
      } else {
        o.put(String.valueOf(keyValues[i]), String.valueOf(v));
      }
    }
    return o;
  }
}
