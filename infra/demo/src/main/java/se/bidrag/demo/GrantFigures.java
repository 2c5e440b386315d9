package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
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
 * One grant's money as the agency reads it back through the API (its allocation, requisitions,
 * redistribution, payment orders and the pain.001 files the bank receives, its reports and invoices),
 * and the conservation checks that hold for it in the phase it reached: allocated = paid + unallocated
 * and requisitioned + redistributed = paid per pot, each order in exactly one file; once its reports
 * are in, paid = used + unspent (+ what non-reporters received), unspent = invoiced, and its own
 * invoice series gap-free.
 */
final class GrantFigures {
  private static final Pattern TRANSACTION = Pattern.compile(
      "<EndToEndId>([^<]+)</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"SEK\">(\\d+)\\.00</InstdAmt>");

  /** One pot's figures, in kronor. */
  public record Pot(String potId, long allocated, long requisitioned, long redistributed, long paid, long unallocated) {}

  final String grantId;
  final List<Pot> pots = new ArrayList<>();
  int onTime;
  int late;
  int missing;
  int invoiceCount;
  int creditNoteCount;
  long invoiced;
  long credited;
  long netInvoiced;
  long unspent;
  long used;
  long paidTotal;
  int orders;
  int paymentFiles;
  int recipients;
  final Map<String, Long> paidPerRecipient = new TreeMap<>();
  final Map<String, Long> invoicedPerRecipient = new TreeMap<>();
  final Map<String, Boolean> checks = new LinkedHashMap<>();
  final Map<String, String> why = new LinkedHashMap<>();
  /** The files the year produced for this grant, by path under the output directory. */
  final Map<String, byte[]> files = new TreeMap<>();
  /** Per recipient with a requisition: its split over the pots (for the allocation CSV and the checks). */
  final Map<String, Map<String, Long>> requisitionPots = new HashMap<>();
  JsonNode allocations;

  private GrantFigures(String grantId) {
    this.grantId = grantId;
  }

  /**
   * Reads the grant.
   *
   * @param reportsDue whether its reporting deadline has passed (the report checks apply)
   * @param lateRefused the late requisitions the play made and how each was answered
   * @param lateMade how many late requisitions the play made
   */
  static GrantFigures read(EService api, String grantId, boolean reportsDue, Map<String, Integer> lateRefused,
      long lateMade) {
    GrantFigures f = new GrantFigures(grantId);
    f.collect(api, reportsDue, lateRefused, lateMade);
    return f;
  }

  /** Every item of a paged list: the first page, then each page's {@code links.next} until {@code next} is null. */
  static List<JsonNode> pages(EService api, String first, String field) {
    List<JsonNode> out = new ArrayList<>();
    String path = first;
    while (path != null) {
      JsonNode page = api.get(path, api.handlaggare).json();
      page.path(field).forEach(out::add);
      path = page.path("next").isTextual() ? page.path("links").path("next").asText() : null;
    }
    return out;
  }

  private void collect(EService api, boolean reportsDue, Map<String, Integer> lateRefused, long lateMade) {
    String g = "/grants/" + grantId;
    allocations = api.get(g + "/allocations", api.handlaggare).json();
    JsonNode requisitions = api.get(g + "/requisitions", api.handlaggare).json();
    Http.Response redistributionAnswer = api.get(g + "/redistribution", api.handlaggare);
    JsonNode redistribution = redistributionAnswer.status() == 200 ? redistributionAnswer.json() : Json.object();
    List<JsonNode> paymentOrders = pages(api, g + "/payments?limit=1000", "orders");
    recipients = allocations.path("allocations").size();

    // --- payments: the orders, and the files the bank receives
    for (JsonNode r : requisitions.path("requisitions")) {
      Map<String, Long> split = new HashMap<>();
      r.path("pots").properties().forEach(e -> split.put(e.getKey(), e.getValue().asLong()));
      requisitionPots.put(r.path("recipientId").asText(), split);
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
    for (JsonNode o : paymentOrders) {
      String recipient = o.path("recipientId").asText();
      long amount = o.path("amount").asLong();
      orders++;
      if (!o.path("status").asText().equals("filed")) {
        unfiled.add(o.path("orderId").asText() + " " + o.path("status").asText());
      }
      orderAmounts.put(o.path("orderId").asText(), amount);
      paidPerRecipient.merge(recipient, amount, Long::sum);
      Map<String, Long> split = o.path("kind").asText().equals("requisition") ? requisitionPots.get(recipient)
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
      Http.Response file = api.get(f.path("href").asText(), api.handlaggare); // gzipped, decoded by the client
      byte[] xml = file.bytes();
      paymentFiles++;
      files.put("payment-files/pain001-" + f.path("messageId").asText(f.path("runId").asText()) + ".xml", xml);
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
    files.put("allocation.csv", AllocationCsv.of(allocations, pots.stream().map(Pot::potId).toList()));

    check("potsAddUpToTheGrant", potsAddUp, "every pot's allocation adds up to its amount, the pots to the grant's total");
    check("allocatedEqualsPaidPlusUnallocated", conserved, "per pot: allocated = paid + unallocated");
    check("requisitionedPlusRedistributedEqualsPaid", requisitionedAndRedistributedPaid,
        "per pot: requisitioned + redistributed = paid");
    check("everyOrderPaidOnceInOnePaymentFile", duplicates.isEmpty() && unfiled.isEmpty() && filed.equals(orderAmounts)
        && splitsMatch, "each order in exactly one pain.001 file, for its amount; no order left unfiled" + (duplicates
        .isEmpty() && unfiled.isEmpty() ? "" : ": in two files " + duplicates + ", unfiled " + unfiled));
    check("lateRequisitionsRefused", lateRefused.size() == lateMade && lateRefused.keySet().stream()
        .noneMatch(requisitionPots::containsKey), "requisitions after the deadline refused, nothing recorded");
    if (reportsDue) {
      reportsAndInvoices(api, g);
    }
  }

  private void reportsAndInvoices(EService api, String g) {
    JsonNode reports = api.get(g + "/reports", api.handlaggare).json();
    JsonNode invoices = api.get(g + "/invoices", api.handlaggare).json();
    JsonNode nonReporters = api.get(g + "/non-reporters", api.handlaggare).json();
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

    // --- invoices, and their documents; each grant's own series, per year of issue, gap-free
    Map<String, List<Integer>> series = new TreeMap<>();
    boolean documents = true;
    for (JsonNode inv : invoices.path("invoices")) {
      String number = inv.path("number").asText();
      series.computeIfAbsent(number.substring(0, 5), k -> new ArrayList<>()).add(Integer.parseInt(number.substring(5)));
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
    for (List<Integer> sequence : series.values()) {
      sequence.sort(null);
      for (int i = 0; i < sequence.size(); i++) {
        gapFree &= sequence.get(i) == i + 1;
      }
    }
    check("paidEqualsUsedPlusUnspent", eachReportAddsUp && paidToReporters == used + unspent
        && paidToReporters + paidToNonReporters == paidTotal,
        "paid = used + unspent (reporters) + received by non-reporters");
    check("unspentEqualsInvoiced", unspent == netInvoiced, "reported unspent = invoiced less credit notes");
    check("invoiceNumbersGapFree", gapFree, "the grant's own invoice series " + series.keySet()
        + "..., numbered from 1 with no gap or repeat");
    check("everyInvoiceHasPdfAndUbl", documents, "every invoice and credit note has its PDF and Peppol UBL");
    check("reportsAccountedFor", onTime + late + missing == paidPerRecipient.size() && missing == listedNonReporters,
        "on time + late + missing = recipients paid; the non-reporters list names the missing");
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

  void potsTo(ArrayNode list) {
    for (Pot p : pots) {
      list.addObject().put("potId", p.potId()).put("allocated", p.allocated()).put("requisitioned", p.requisitioned())
          .put("redistributed", p.redistributed()).put("paid", p.paid()).put("unallocated", p.unallocated());
    }
  }

  ObjectNode reportsJson() {
    return Json.object().put("onTime", onTime).put("late", late).put("missing", missing).put("used", used)
        .put("unspent", unspent);
  }

  ObjectNode invoicesJson() {
    return Json.object().put("count", invoiceCount).put("total", netInvoiced).put("invoiced", invoiced)
        .put("creditNotes", creditNoteCount).put("credited", credited);
  }

  ObjectNode paymentsJson() {
    return Json.object().put("orders", orders).put("files", paymentFiles).put("paid", paidTotal);
  }
}
