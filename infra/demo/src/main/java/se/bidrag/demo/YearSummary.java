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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidrag.json.Json;
import se.bidrag.local.Http;

/**
 * What the year came to, read back from the system (the API as the agency sees it, the payment files
 * the bank receives, the mail the SES emulator received) — never from the demo's own bookkeeping —
 * and the conservation checks: allocated = paid + unallocated, paid = used + unspent (+ what
 * non-reporters received), unspent = invoiced, every krona to the krona; nothing paid, sent or
 * invoiced twice; nothing left in any queue.
 */
public final class YearSummary {
  private static final Pattern TRANSACTION = Pattern.compile(
      "<EndToEndId>([^<]+)</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"SEK\">(\\d+)\\.00</InstdAmt>");

  /** One pot's figures, in kronor. */
  public record Pot(String potId, long allocated, long requisitioned, long redistributed, long paid, long unallocated) {}

  private final List<Pot> pots = new ArrayList<>();
  private int onTime;
  private int late;
  private int missing;
  private int invoiceCount;
  private int creditNoteCount;
  private long invoiced;
  private long credited;
  private long netInvoiced;
  private long unspent;
  private long used;
  private int emailsSent;
  private final Map<String, Integer> emailsByPurpose = new TreeMap<>();
  private int mailboxCount;
  private long paidTotal;
  private int orders;
  private int paymentFiles;
  private final Map<String, Boolean> checks = new LinkedHashMap<>();
  private final Map<String, String> why = new LinkedHashMap<>();
  private final Map<String, Long> paidPerRecipient = new TreeMap<>();
  private final Map<String, Long> invoicedPerRecipient = new TreeMap<>();
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
    String g = "/grants/" + GrantYear.GRANT;
    seed = year.plansSeed();
    JsonNode allocations = api.get(g + "/allocations", api.handlaggare).json();
    JsonNode requisitions = api.get(g + "/requisitions", api.handlaggare).json();
    JsonNode redistribution = api.get(g + "/redistribution", api.handlaggare).json();
    JsonNode payments = api.get(g + "/payments", api.handlaggare).json();
    JsonNode reports = api.get(g + "/reports", api.handlaggare).json();
    JsonNode invoices = api.get(g + "/invoices", api.handlaggare).json();
    JsonNode emails = api.get(g + "/emails", api.handlaggare).json();
    JsonNode nonReporters = api.get(g + "/non-reporters", api.handlaggare).json();

    // --- payments: the orders, and the files the bank receives
    Map<String, Map<String, Long>> reqPots = new HashMap<>();
    for (JsonNode r : requisitions.path("requisitions")) {
      Map<String, Long> split = new HashMap<>();
      r.path("pots").properties().forEach(e -> split.put(e.getKey(), e.getValue().asLong()));
      reqPots.put(r.path("recipientId").asText(), split);
    }
    Map<String, Map<String, Long>> sharePots = new HashMap<>();
    for (JsonNode sh : redistribution.path("shares")) {
      Map<String, Long> split = new HashMap<>();
      sh.path("extras").forEach(x -> split.merge(x.path("potId").asText(), x.path("amount").asLong(), Long::sum));
      sharePots.put(sh.path("recipientId").asText(), split);
    }
    Map<String, Long> paidPerPot = new HashMap<>();
    Map<String, Long> orderAmounts = new TreeMap<>();
    List<String> unfiled = new ArrayList<>();
    boolean splitsMatch = true;
    for (JsonNode o : payments.path("orders")) {
      String recipient = o.path("recipientId").asText();
      long amount = o.path("amount").asLong();
      orders++;
      if (!o.path("status").asText().equals("filed")) {
        unfiled.add(o.path("orderId").asText() + " " + o.path("status").asText());
      }
      orderAmounts.put(o.path("orderId").asText(), amount);
      paidPerRecipient.merge(recipient, amount, Long::sum);
      Map<String, Long> split = o.path("kind").asText().equals("requisition") ? reqPots.get(recipient)
          : sharePots.get(recipient);
      long splitSum = split == null ? -1 : split.values().stream().mapToLong(Long::longValue).sum();
      splitsMatch &= splitSum == amount;
      if (split != null) {
        split.forEach((pot, a) -> paidPerPot.merge(pot, a, Long::sum));
      }
    }
    paidTotal = orderAmounts.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> filed = new TreeMap<>();
    List<String> duplicates = new ArrayList<>();
    for (JsonNode f : api.get(g + "/payment-files", api.handlaggare).json().path("files")) {
      Http.Response file = api.get(f.path("href").asText(), api.handlaggare);
      paymentFiles++;
      files.put("payment-files/pain001-" + f.path("runId").asText() + ".xml", file.bytes());
      Matcher m = TRANSACTION.matcher(file.body());
      while (m.find()) {
        if (filed.put(m.group(1), Long.parseLong(m.group(2))) != null) {
          duplicates.add(m.group(1));
        }
      }
    }

    // --- pots
    Map<String, JsonNode> reqByPot = byId(requisitions.path("pots"), "potId");
    Map<String, JsonNode> redByPot = byId(redistribution.path("pots"), "potId");
    boolean potsAddUp = true;
    boolean conserved = true;
    boolean requisitionedAndRedistributedPaid = true;
    long allocatedTotal = 0;
    for (JsonNode p : allocations.path("pots")) {
      String id = p.path("id").asText();
      long allocated = p.path("allocated").asLong();
      long requisitioned = reqByPot.containsKey(id) ? reqByPot.get(id).path("requisitioned").asLong() : 0;
      long redistributed = redByPot.containsKey(id) ? redByPot.get(id).path("redistributed").asLong() : 0;
      long unallocated = redByPot.containsKey(id) ? redByPot.get(id).path("remainder").asLong() : allocated;
      long paid = paidPerPot.getOrDefault(id, 0L);
      pots.add(new Pot(id, allocated, requisitioned, redistributed, paid, unallocated));
      potsAddUp &= allocated == p.path("amount").asLong();
      conserved &= allocated == paid + unallocated;
      requisitionedAndRedistributedPaid &= requisitioned + redistributed == paid;
      allocatedTotal += allocated;
    }
    potsAddUp &= allocatedTotal == allocations.path("total").asLong();

    // --- reports
    long paidToReporters = 0;
    long paidToNonReporters = 0;
    boolean eachReportAddsUp = true;
    for (JsonNode r : reports.path("recipients")) {
      String status = r.path("status").asText();
      long got = r.path("received").asLong();
      if (status.equals("reported") || status.equals("late")) {
        if (status.equals("reported")) {
          onTime++;
        } else {
          late++;
        }
        JsonNode rep = r.path("report");
        used += rep.path("used").asLong();
        unspent += rep.path("unspent").asLong();
        eachReportAddsUp &= rep.path("used").asLong() + rep.path("unspent").asLong() == got;
        paidToReporters += got;
      } else {
        missing++;
        paidToNonReporters += got;
      }
    }
    int listedNonReporters = nonReporters.path("recipients").size();

    // --- invoices, and their documents
    List<String> numbers = new ArrayList<>();
    boolean documents = true;
    for (JsonNode inv : invoices.path("invoices")) {
      String number = inv.path("number").asText();
      numbers.add(number);
      long amount = inv.path("amount").asLong();
      boolean credit = inv.path("type").asText().equals("credit-note");
      if (credit) {
        creditNoteCount++;
        credited += amount;
      } else {
        invoiceCount++;
        invoiced += amount;
      }
      invoicedPerRecipient.merge(inv.path("recipientId").asText(), credit ? -amount : amount, Long::sum);
      Http.Response pdf = api.send("GET", "/invoices/" + number, api.handlaggare, null, Map.of("Accept", "application/pdf"));
      Http.Response ubl = api.send("GET", "/invoices/" + number, api.handlaggare, null, Map.of("Accept", "application/xml"));
      documents &= pdf.status() == 200 && new String(pdf.bytes(), 0, Math.min(5, pdf.bytes().length),
          StandardCharsets.ISO_8859_1).equals("%PDF-") && ubl.status() == 200
          && ubl.body().contains("<cbc:ID>" + number + "</cbc:ID>");
      String stem = (credit ? "credit-note-" : "invoice-") + number;
      files.put("invoices/" + stem + ".pdf", pdf.bytes());
      files.put("invoices/" + stem + ".xml", ubl.bytes());
    }
    netInvoiced = invoiced - credited;
    boolean gapFree = true;
    for (int i = 0; i < numbers.size(); i++) {
      gapFree &= numbers.get(i).equals(String.format("2026%06d", i + 1));
    }

    // --- e-mail: the ledger against what SES received
    StringBuilder mailCsv = new StringBuilder("jobId,state,to,at\n");
    for (JsonNode e : emails.path("emails")) {
      mailCsv.append(e.path("jobId").asText()).append(',').append(e.path("state").asText()).append(',')
          .append(e.path("to").asText()).append(',').append(e.path("at").asText()).append('\n');
      if (e.path("state").asText().equals("sent")) {
        emailsSent++;
        emailsByPurpose.merge(e.path("tags").path("purpose").asText("other"), 1, Integer::sum);
      }
    }
    mailboxCount = year.runtime().emulators().mailbox().all().size();
    files.put("emails.csv", mailCsv.toString().getBytes(StandardCharsets.UTF_8));

    files.put("allocation.csv", AllocationCsv.of(allocations, pots.stream().map(Pot::potId).toList()));

    // --- the checks
    check("potsAddUpToTheGrant", potsAddUp, "every pot's allocation adds up to its amount, the pots to 3 674 000 000");
    check("allocatedEqualsPaidPlusUnallocated", conserved, "per pot: allocated = paid + unallocated");
    check("requisitionedPlusRedistributedEqualsPaid", requisitionedAndRedistributedPaid,
        "per pot: requisitioned + redistributed = paid");
    check("everyOrderPaidOnceInOnePaymentFile", duplicates.isEmpty() && unfiled.isEmpty() && filed.equals(orderAmounts)
        && splitsMatch, "each order in exactly one pain.001 file, for its amount; no order left unfiled" + (duplicates
        .isEmpty() && unfiled.isEmpty() ? "" : ": in two files " + duplicates + ", unfiled " + unfiled));
    check("paidEqualsUsedPlusUnspent", eachReportAddsUp && paidToReporters == used + unspent
        && paidToReporters + paidToNonReporters == paidTotal,
        "paid = used + unspent (reporters) + received by non-reporters");
    check("unspentEqualsInvoiced", unspent == netInvoiced, "reported unspent = invoiced less credit notes");
    check("invoiceNumbersGapFree", gapFree, "invoice numbers 2026000001.. with no gap or repeat");
    check("everyInvoiceHasPdfAndUbl", documents, "every invoice and credit note has its PDF and Peppol UBL");
    check("oneEmailPerJob", emailsSent == mailboxCount, "e-mails SES received = e-mail jobs sent (none twice)");
    check("lateRequisitionsRefused", year.refusedLate.size() == year.plans.stream()
        .filter(p -> p.requisition() == Mix.Requisition.LATE).count() && year.refusedLate.keySet().stream()
        .noneMatch(reqPots::containsKey), "requisitions after 17 April 2025 refused, nothing recorded");
    check("reportsAccountedFor", onTime + late + missing == paidPerRecipient.size() && missing == listedNonReporters,
        "on time + late + missing = recipients paid; the non-reporters list names the missing");
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

  private static Map<String, JsonNode> byId(JsonNode list, String field) {
    Map<String, JsonNode> out = new HashMap<>();
    list.forEach(n -> out.put(n.path(field).asText(), n));
    return out;
  }

  public boolean allChecksPass() {
    return checks.values().stream().allMatch(Boolean::booleanValue);
  }

  public Map<String, Boolean> checks() {
    return checks;
  }

  public List<Pot> pots() {
    return pots;
  }

  /**
   * The money the year came to, per pot and per recipient, and the counts that must not change
   * whatever faults the run met: the figure a fault-free run is compared with.
   */
  public Map<String, Object> moneyFigures() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pots", pots);
    m.put("paidPerRecipient", paidPerRecipient);
    m.put("invoicedPerRecipient", invoicedPerRecipient);
    m.put("reports", List.of(onTime, late, missing));
    m.put("used", used);
    m.put("unspent", unspent);
    m.put("invoices", List.of(invoiceCount, creditNoteCount, invoiced, credited));
    m.put("orders", orders);
    m.put("emailsSent", emailsByPurpose);
    return m;
  }

  private YearCost cost;

  /** The year's estimated AWS bill, for summary.json. */
  void cost(YearCost c) {
    this.cost = c;
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("pots");
    for (Pot p : pots) {
      list.addObject().put("potId", p.potId()).put("allocated", p.allocated()).put("requisitioned", p.requisitioned())
          .put("redistributed", p.redistributed()).put("paid", p.paid()).put("unallocated", p.unallocated());
    }
    o.putObject("reports").put("onTime", onTime).put("late", late).put("missing", missing).put("used", used)
        .put("unspent", unspent);
    o.putObject("invoices").put("count", invoiceCount).put("total", netInvoiced).put("invoiced", invoiced)
        .put("creditNotes", creditNoteCount).put("credited", credited);
    o.put("emailsSent", emailsSent);
    ObjectNode purposes = o.putObject("emailsByPurpose");
    emailsByPurpose.forEach(purposes::put);
    o.putObject("payments").put("orders", orders).put("files", paymentFiles).put("paid", paidTotal);
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

  /** The summary a grant administrator reads. */
  public void print(PrintStream out) {
    out.println();
    out.printf("%-28s %15s %15s %15s %15s %15s%n", "pot", "allocated", "requisitioned", "redistributed", "paid",
        "unallocated");
    long[] t = new long[5];
    for (Pot p : pots) {
      out.printf("%-28s %15s %15s %15s %15s %15s%n", p.potId(), kr(p.allocated()), kr(p.requisitioned()),
          kr(p.redistributed()), kr(p.paid()), kr(p.unallocated()));
      t[0] += p.allocated();
      t[1] += p.requisitioned();
      t[2] += p.redistributed();
      t[3] += p.paid();
      t[4] += p.unallocated();
    }
    out.printf("%-28s %15s %15s %15s %15s %15s%n", "total", kr(t[0]), kr(t[1]), kr(t[2]), kr(t[3]), kr(t[4]));
    out.println();
    out.printf("Payments     %d orders in %d pain.001 file%s, %s kr%n", orders, paymentFiles, paymentFiles == 1 ? "" : "s",
        kr(paidTotal));
    out.printf("Reports      %d on time, %d late, %d missing; used %s kr, unspent %s kr%n", onTime, late, missing,
        kr(used), kr(unspent));
    out.printf("Invoices     %d invoices %s kr, %d credit notes %s kr, net %s kr%n", invoiceCount, kr(invoiced),
        creditNoteCount, kr(credited), kr(netInvoiced));
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
