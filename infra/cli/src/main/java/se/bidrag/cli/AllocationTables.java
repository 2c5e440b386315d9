package se.bidrag.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.Provenance;
import se.bidrag.grant.RecipientKind;

/** The allocation as an aligned table (for people) or CSV (for spreadsheets). */
final class AllocationTables {
  private AllocationTables() {}

  static void csv(Allocation allocation, RecipientKind only, PrintWriter out) {
    List<String> header = new ArrayList<>(List.of("recipientId", "kind", "code", "name", "region", "orgnr"));
    allocation.pots().forEach(p -> header.add(p.id()));
    header.add("total");
    header.add("figures");
    out.println(String.join(",", header));
    String figures = allocation.illustrativeInputs().isEmpty() ? "official" : "illustrative";
    for (Allocation.RecipientAllocation a : allocation.allocations()) {
      if (only != null && a.recipient().kind() != only) {
        continue;
      }
      List<String> row = new ArrayList<>(List.of(a.recipient().id(), a.recipient().kind().code(), a.recipient().code(),
          csvText(a.recipient().name()), csvText(a.recipient().regionName()),
          a.recipient().orgnr() == null ? "" : a.recipient().orgnr()));
      allocation.pots().forEach(p -> row.add(a.pots().containsKey(p.id()) ? Long.toString(a.pot(p.id())) : ""));
      row.add(Long.toString(a.total()));
      row.add(figures);
      out.println(String.join(",", row));
    }
  }

  private static String csvText(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  /** Printed above and below a table whose figures rest on illustrative inputs. */
  static String illustrativeBanner(List<String> illustrativeInputs) {
    return "ILLUSTRATIVE FIGURES (illustrativa uppgifter): computed from illustrative inputs ("
        + String.join(", ", illustrativeInputs) + "), not official figures and not a decision";
  }

  static void table(Allocation allocation, RecipientKind only, PrintWriter out) {
    var grant = allocation.grant();
    List<String> illustrative = allocation.illustrativeDatasets();
    if (!illustrative.isEmpty()) {
      out.println(illustrativeBanner(illustrative));
    }
    out.println(grant.title() + " (" + grant.id() + ")");
    out.println("Total " + kr(grant.total()) + " kr in " + allocation.pots().size() + " pots; requisition deadline "
        + grant.requisitionDeadline() + " (" + grant.timeZone() + ")");
    out.println();
    for (RecipientKind kind : RecipientKind.values()) {
      if (only != null && kind != only) {
        continue;
      }
      List<Allocation.PotTotal> pots = allocation.pots().stream().filter(p -> p.recipientKind() == kind).toList();
      List<Allocation.RecipientAllocation> rows = allocation.allocations().stream()
          .filter(a -> a.recipient().kind() == kind).toList();
      int nameWidth = Math.max(28, rows.stream().mapToInt(a -> a.recipient().name().length()).max().orElse(0));
      int w = 15;
      StringBuilder head = new StringBuilder(String.format("%-12s %-" + nameWidth + "s", "recipient", "name"));
      pots.forEach(p -> head.append(' ').append(String.format("%" + Math.max(w, p.id().length()) + "s", p.id())));
      head.append(' ').append(String.format("%" + w + "s", "total"));
      out.println(kind == RecipientKind.REGION ? "Regions" : "Municipalities (kommuner)");
      out.println(head);
      out.println("-".repeat(head.length()));
      long sum = 0;
      for (Allocation.RecipientAllocation a : rows) {
        StringBuilder line = new StringBuilder(String.format("%-12s %-" + nameWidth + "s", a.recipient().id(),
            a.recipient().name()));
        pots.forEach(p -> line.append(' ').append(String.format("%" + Math.max(w, p.id().length()) + "s",
            kr(a.pot(p.id())))));
        line.append(' ').append(String.format("%" + w + "s", kr(a.total())));
        out.println(line);
        sum += a.total();
      }
      out.println("-".repeat(head.length()));
      StringBuilder sub = new StringBuilder(String.format("%-12s %-" + nameWidth + "s", "subtotal", rows.size() + " "
          + (kind == RecipientKind.REGION ? "regions" : "municipalities")));
      pots.forEach(p -> sub.append(' ').append(String.format("%" + Math.max(w, p.id().length()) + "s", kr(p.allocated()))));
      sub.append(' ').append(String.format("%" + w + "s", kr(sum)));
      out.println(sub);
      out.println();
    }
    out.println("Pots");
    for (Allocation.PotTotal p : allocation.pots()) {
      out.println(String.format("  %-28s %15s kr  allocated %15s kr  %s", p.id(), kr(p.amount()), kr(p.allocated()),
          p.allocated() == p.amount() ? "exact" : "DIFFERS"));
    }
    out.println(String.format("  %-28s %15s kr  allocated %15s kr", "total", kr(grant.total()), kr(allocation.total())));
    out.println();
    out.println("Inputs");
    for (Provenance p : allocation.inputs()) {
      out.println("  " + p.dataset() + ": " + p.file() + " [" + p.status().toUpperCase(java.util.Locale.ROOT) + ", "
          + p.vintage() + "] " + p.source());
      if (p.note() != null) {
        out.println("      note: " + p.note());
      }
      if (p.imported() != null) {
        out.println("      imported from " + p.imported().originalFile() + " (SHA-256 " + p.imported().originalSha256()
            + ") by " + p.imported().reader() + "; " + p.imported().warnings().size() + " warning(s)");
      }
    }
    if (!illustrative.isEmpty()) {
      out.println();
      out.println(illustrativeBanner(illustrative));
    }
  }

  /** Whole kronor with spaces between thousands, as Swedish tables print them: 2 624 000 000. */
  static String kr(long amount) {
    return se.bidrag.notification.Kronor.format(amount, ' ');
  }
}
