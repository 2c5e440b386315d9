package se.bidrag.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import se.bidrag.allocation.AllocationDiff;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;

/** A diff as a table (for people) or CSV, one row per recipient and pot (for spreadsheets). */
final class DiffTables {
  private DiffTables() {}

  static void csv(AllocationDiff d, boolean changedOnly, PrintWriter out) {
    out.println("recipientId,kind,name,pot,previous,current,difference,previousFigures,currentFigures");
    String before = d.previous().illustrative().isEmpty() ? "official" : "illustrative";
    String after = d.current().illustrative().isEmpty() ? "official" : "illustrative";
    for (AllocationDiff.RecipientLine r : changedOnly ? d.changedRecipients() : d.recipients()) {
      r.pots().forEach((pot, a) -> out.println(String.join(",", r.recipientId(), r.kind().code(), text(r.name()), pot,
          Long.toString(a.previous()), Long.toString(a.current()), Long.toString(a.difference()), before, after)));
    }
  }

  private static String text(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static void table(AllocationDiff d, boolean changedOnly, PrintWriter out) {
    banner(d, out);
    out.println(d.grant().title() + " (" + d.grant().id() + ")");
    out.println("previous: " + d.previous().label() + " (allocation " + d.previous().allocationHash().substring(0, 12) + ")");
    out.println("current:  " + d.current().label() + " (allocation " + d.current().allocationHash().substring(0, 12) + ")");
    out.println();
    out.println("Inputs");
    for (AllocationDiff.InputChange c : d.inputs()) {
      out.println(String.format("  %-22s %-9s %s  ->  %s", c.dataset(), c.changed() ? "CHANGED" : "same", input(c.previous()),
          input(c.current())));
    }
    out.println();
    out.println("Pots                                   previous          current       difference");
    for (AllocationDiff.PotLine p : d.pots()) {
      out.println(String.format("  %-28s %15s  %15s  %15s", p.potId(), kr(p.amounts().previous()),
          kr(p.amounts().current()), signed(p.amounts().difference())));
    }
    out.println();
    int shown = 0;
    for (RecipientKind kind : RecipientKind.values()) {
      List<GrantDefinition.Pot> pots = d.grant().potsFor(kind);
      StringBuilder head = new StringBuilder(String.format("%-12s %-28s", "recipient", "name"));
      pots.forEach(p -> head.append(String.format(" %44s", p.id() + ": previous / current / diff")));
      head.append(String.format(" %15s", "total diff"));
      out.println(kind == RecipientKind.REGION ? "Regions" : "Municipalities (kommuner)");
      out.println(head);
      for (AllocationDiff.RecipientLine r : changedOnly ? d.changedRecipients() : d.recipients()) {
        if (r.kind() != kind) {
          continue;
        }
        StringBuilder line = new StringBuilder(String.format("%-12s %-28s", r.recipientId(), r.name()));
        for (GrantDefinition.Pot p : pots) {
          AllocationDiff.Amounts a = r.pots().get(p.id());
          line.append(String.format(" %14s %14s %14s", kr(a.previous()), kr(a.current()), signed(a.difference())));
        }
        line.append(String.format(" %15s", signed(r.total().difference())));
        out.println(line);
        shown++;
      }
      out.println();
    }
    out.println(d.changedRecipients().size() + " of " + d.recipients().size() + " recipient roles change"
        + (changedOnly ? "; " + shown + " shown" : ""));
    banner(d, out);
  }

  private static void banner(AllocationDiff d, PrintWriter out) {
    List<String> lines = new ArrayList<>();
    if (!d.previous().illustrative().isEmpty()) {
      lines.add("previous: " + AllocationTables.illustrativeBanner(d.previous().illustrative()));
    }
    if (!d.current().illustrative().isEmpty()) {
      lines.add("current:  " + AllocationTables.illustrativeBanner(d.current().illustrative()));
    }
    lines.forEach(out::println);
  }

  private static String input(AllocationDiff.InputRef i) {
    return i == null ? "(not used)" : i.file() + " [" + i.status().toUpperCase(Locale.ROOT) + ", " + i.vintage() + ", "
        + i.sha256().substring(0, 12) + "]";
  }

  private static String kr(long amount) {
    return AllocationTables.kr(amount);
  }

  private static String signed(long d) {
    return d == 0 ? "0" : (d > 0 ? "+" : "-") + kr(Math.abs(d));
  }
}
