package se.bidrag.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import se.bidrag.local.CallLedger;

/** The year's jobs and queue consumers: AWS calls and DynamoDB units in the year, and per recipient. */
final class JobCalls {
  private JobCalls() {}

  static void print(PrintStream out, Map<String, CallLedger.Figures> byTrigger, int recipients) {
    out.printf("%nJobs and queue consumers over the year, per recipient (%d recipients):%n%n", recipients);
    out.println("| trigger | invocations | DynamoDB calls | per recipient | RRU per recipient | WRU per recipient "
        + "| other AWS calls per recipient |");
    out.println("|---|---:|---:|---:|---:|---:|---|");
    byTrigger.values().stream().filter(f -> !f.trigger().contains(" /")).forEach(f -> {
      long db = f.callsByService().getOrDefault("DynamoDb", 0L);
      StringBuilder others = new StringBuilder();
      f.callsByService().forEach((svc, n) -> {
        if (!svc.equals("DynamoDb")) {
          others.append(others.length() == 0 ? "" : ", ").append(svc).append(' ')
              .append(String.format(Locale.ROOT, "%.2f", (double) n / recipients));
        }
      });
      out.printf(Locale.ROOT, "| `%s` | %d | %d | %.2f | %.2f | %.2f | %s |%n", f.trigger(), f.invocations(), db,
          (double) db / recipients, f.readUnits() / recipients, f.writeUnits() / recipients,
          others.length() == 0 ? "-" : others);
    });
  }
}
