package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import se.bidrag.json.Json;

/**
 * What the year came to, read back from the system (the API as the agency sees it, the payment files
 * the bank receives, the mail the SES emulator received) — never from the demo's own bookkeeping —
 * and the conservation checks: allocated = paid + unallocated, paid = used + unspent (+ what
 * non-reporters received), unspent = invoiced, every krona to the krona; nothing paid, sent or
 * invoiced twice; nothing left in any queue.
 */
public final class YearSummary {
  /** One pot's figures, in kronor. */
  public record Pot(String potId, long allocated, long requisitioned, long redistributed, long paid, long unallocated) {}

  private GrantFigures main;
  private final List<GrantFigures> grants = new ArrayList<>();
  private final Map<String, Map<String, Double>> grantPhases = new LinkedHashMap<>();
  private final Map<String, ObjectNode> grantCalls = new LinkedHashMap<>();
  private int emailsSent;
  private final Map<String, Integer> emailsByPurpose = new TreeMap<>();
  private int mailboxCount;
  private final Map<String, Boolean> checks = new LinkedHashMap<>();
  private final Map<String, String> why = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, Double> phases = new LinkedHashMap<>();
  private final Map<String, byte[]> files = new TreeMap<>();
  private long requests;
  private long retries;
  private int redriven;
  private long seed;
  private AttestationSummary attestation;

  private YearSummary() {}

  static YearSummary read(GrantYear year) {
    YearSummary s = new YearSummary();
    s.collect(year);
    return s;
  }

  private void collect(GrantYear year) {
    EService api = year.api;
    seed = year.plansSeed();
    main = GrantFigures.read(api, GrantYear.GRANT, true, year.refusedLate, year.plans.stream()
        .filter(p -> p.requisition() == Mix.Requisition.LATE).count());
    grants.add(main);
    files.putAll(main.files);
    for (NextGrant next : year.next()) {
      GrantFigures f = GrantFigures.read(api, next.grantId, false, next.refusedLate, next.lateMade());
      grants.add(f);
      f.files.forEach((path, bytes) -> files.put("grants/" + next.grantId + "/" + path, bytes));
    }
    year.grantPhases().forEach(grantPhases::put);
    for (GrantFigures f : grants) {
      grantCalls.put(f.grantId, GrantCalls.of(year.runtime().calls().invocations(), f.grantId, f.recipients));
    }

    // --- e-mail: the ledger against what SES received (every grant's mail, and the organisations')
    StringBuilder mailCsv = new StringBuilder("jobId,state,to,at\n");
    for (GrantFigures f : grants) {
      for (JsonNode e : api.get("/grants/" + f.grantId + "/emails", api.handlaggare).json().path("emails")) {
        mailCsv.append(e.path("jobId").asText()).append(',').append(e.path("state").asText()).append(',')
            .append(e.path("to").asText()).append(',').append(e.path("at").asText()).append('\n');
        if (e.path("state").asText().equals("sent")) {
          emailsSent++;
          emailsByPurpose.merge(e.path("tags").path("purpose").asText("other"), 1, Integer::sum);
        }
      }
    }
    mailboxCount = year.runtime().emulators().mailbox().all().size();
    files.put("emails.csv", mailCsv.toString().getBytes(StandardCharsets.UTF_8));

    // --- the checks: the 2025 grant's at the top, each grant's in its entry, and the stack's
    main.checks.forEach((name, ok) -> check(name, ok, main.why.get(name)));
    for (GrantFigures f : grants.subList(1, grants.size())) {
      f.checks.forEach((name, ok) -> check(f.grantId + ":" + name, ok, f.why.get(name)));
    }
    check("oneEmailPerJob", emailsSent == mailboxCount, "e-mails SES received = e-mail jobs sent (none twice)");
    Map<String, Long> depths = year.runtime().queueDepths();
    check("nothingLeftInQueues", depths.isEmpty(), "no message waiting in any queue or dead-letter queue: " + depths);
    check("everyCallAnsweredAsExpected", year.failures.isEmpty(), "no unexpected HTTP answer: " + year.failures);
    attestation = AttestationSummary.read(year);
    attestation.checks.forEach((name, ok) -> check(name, ok, attestation.why.get(name)));
    failures.addAll(year.failures);
    phases.putAll(year.phaseSeconds);
    requests = year.api.requests.get();
    retries = year.api.retries.get();
    redriven = year.redriven.get();
  }

  private void check(String name, boolean ok, String description) {
    checks.put(name, ok);
    why.put(name, description);
  }

  public boolean allChecksPass() {
    return checks.values().stream().allMatch(Boolean::booleanValue);
  }

  public Map<String, Boolean> checks() {
    return checks;
  }

  public List<Pot> pots() {
    return main.pots.stream().map(p -> new Pot(p.potId(), p.allocated(), p.requisitioned(), p.redistributed(), p.paid(),
        p.unallocated())).toList();
  }

  /**
   * The money the year came to, per pot and per recipient, and the counts that must not change
   * whatever faults the run met: the figure a fault-free run is compared with.
   */
  public Map<String, Object> moneyFigures() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pots", pots());
    m.put("paidPerRecipient", main.paidPerRecipient);
    m.put("invoicedPerRecipient", main.invoicedPerRecipient);
    m.put("reports", List.of(main.onTime, main.late, main.missing));
    m.put("used", main.used);
    m.put("unspent", main.unspent);
    m.put("invoices", List.of(main.invoiceCount, main.creditNoteCount, main.invoiced, main.credited));
    m.put("orders", main.orders);
    m.put("emailsSent", emailsByPurpose);
    for (GrantFigures f : grants.subList(1, grants.size())) {
      m.put(f.grantId, List.of(f.pots, f.paidPerRecipient, f.orders));
    }
    return m;
  }

  private YearCost cost;

  /** The year's estimated AWS bill, for summary.json. */
  void cost(YearCost c) {
    this.cost = c;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    main.potsTo(o.putArray("pots"));
    o.set("reports", main.reportsJson());
    o.set("invoices", main.invoicesJson());
    o.put("emailsSent", emailsSent);
    ObjectNode purposes = o.putObject("emailsByPurpose");
    emailsByPurpose.forEach(purposes::put);
    o.set("payments", main.paymentsJson());
    ArrayNode each = o.putArray("grants");
    for (GrantFigures f : grants) {
      ObjectNode g = each.addObject().put("grantId", f.grantId).put("recipients", f.recipients);
      f.potsTo(g.putArray("pots"));
      g.set("reports", f.reportsJson());
      g.set("invoices", f.invoicesJson());
      g.set("payments", f.paymentsJson());
      ObjectNode gc = g.putObject("checks");
      f.checks.forEach(gc::put);
      ObjectNode gp = g.putObject("phaseSeconds");
      grantPhases.getOrDefault(f.grantId, Map.of()).forEach((k, v) -> gp.put(k, Math.round(v * 10) / 10.0));
      g.set("awsCalls", grantCalls.get(f.grantId));
    }
    o.set("attestation", attestation.toJson());
    if (cost != null) {
      o.set("cost", cost.toJson());
    }
    ObjectNode c = o.putObject("checks");
    checks.forEach(c::put);
    ObjectNode run = o.putObject("run").put("seed", seed).put("httpRequests", requests).put("httpRetries", retries)
        .put("deadLettersRedriven", redriven);
    ObjectNode ph = run.putObject("phaseSeconds");
    phases.forEach((k, v) -> ph.put(k, Math.round(v * 10) / 10.0));
    if (!failures.isEmpty()) {
      ArrayNode f = run.putArray("failures");
      failures.forEach(f::add);
    }
    return o;
  }

  /** Writes summary.json and the artifacts (allocation CSV, payment files, invoices) under the directory. */
  public void write(Path out) {
    try {
      Files.createDirectories(out);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = out.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
      Files.writeString(out.resolve("summary.json"), Json.pretty(toJson()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + out, e);
    }
  }

  public int artifactCount() {
    return files.size() + 1;
  }

  /** The summary a grant administrator reads: each grant's pots and money, then the stack's. */
  public void print(PrintStream out) {
    for (GrantFigures f : grants) {
      out.println();
      out.println(f.grantId + " (" + f.recipients + " recipients)");
      out.printf("%-28s %15s %15s %15s %15s %15s%n", "pot", "allocated", "requisitioned", "redistributed", "paid",
          "unallocated");
      long[] t = new long[5];
      for (GrantFigures.Pot p : f.pots) {
        out.printf("%-28s %15s %15s %15s %15s %15s%n", p.potId(), kr(p.allocated()), kr(p.requisitioned()),
            kr(p.redistributed()), kr(p.paid()), kr(p.unallocated()));
        t[0] += p.allocated();
        t[1] += p.requisitioned();
        t[2] += p.redistributed();
        t[3] += p.paid();
        t[4] += p.unallocated();
      }
      out.printf("%-28s %15s %15s %15s %15s %15s%n", "total", kr(t[0]), kr(t[1]), kr(t[2]), kr(t[3]), kr(t[4]));
      out.printf("Payments     %d orders in %d pain.001 file%s, %s kr%n", f.orders, f.paymentFiles,
          f.paymentFiles == 1 ? "" : "s", kr(f.paidTotal));
      if (f == main) {
        out.printf("Reports      %d on time, %d late, %d missing; used %s kr, unspent %s kr%n", f.onTime, f.late,
            f.missing, kr(f.used), kr(f.unspent));
        out.printf("Invoices     %d invoices %s kr, %d credit notes %s kr, net %s kr%n", f.invoiceCount, kr(f.invoiced),
            f.creditNoteCount, kr(f.credited), kr(f.netInvoiced));
      }
      ObjectNode calls = grantCalls.get(f.grantId);
      out.printf(java.util.Locale.ROOT, "DynamoDB     %d calls, %.1f per recipient (%.1f RRU, %.1f WRU per recipient)%n",
          calls.path("dynamodbCalls").asLong(), calls.path("dynamodbCallsPerRecipient").asDouble(),
          calls.path("readUnitsPerRecipient").asDouble(), calls.path("writeUnitsPerRecipient").asDouble());
    }
    out.println();
    out.printf("E-mail       %d sent (SES received %d)%n", emailsSent, mailboxCount);
    attestation.print(out);
    out.printf("Calls        %d HTTP requests (%d retried), %d dead letters redriven%n", requests, retries, redriven);
    out.println();
    checks.forEach((k, v) -> out.printf("  [%s] %-42s %s%n", v ? "ok" : "FAILED", k, why.get(k)));
    if (!failures.isEmpty()) {
      out.println();
      failures.stream().limit(20).forEach(f -> out.println("  ! " + f));
    }
  }

  static String kr(long amount) {
    return se.bidrag.notification.Kronor.format(amount, ' ');
  }
}
