package se.bidrag.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import se.bidrag.http.CsvWriter;
import se.bidrag.http.JsonBody;
import se.bidrag.json.Json;

/** Reports as JSON: the form's body, the stored report, the form's data; and the agency's status list as CSV. */
public final class ReportJson {
  /** The status list's CSV columns. */
  static final List<String> STATUS_COLUMNS = List.of("recipientId", "name", "orgnr", "received", "status", "linkSent",
      "remindersSent", "reportedAt", "late", "used", "unspent");

  private ReportJson() {}

  /** The agency's status list: the number of recipients with each status, and each recipient. */
  public static ObjectNode overview(ReportingService.Overview overview) {
    ObjectNode body = Json.object().put("grant", overview.grantId());
    ObjectNode totals = body.putObject("totals");
    ArrayNode items = body.putArray("recipients");
    for (ReportingService.Status s : overview.recipients()) {
      ObjectNode o = items.addObject().put("recipientId", s.recipient().recipientId()).put("name", s.recipient().name())
          .put("orgnr", s.recipient().orgnr()).put("received", s.recipient().received()).put("status", s.status())
          .put("linkSent", s.linkSent()).put("remindersSent", s.remindersSent())
          .put("registryEmail", s.recipient().registryEmail());
      if (s.report() != null) {
        o.set("report", report(s.report()));
      }
    }
    totals.put("recipients", overview.recipients().size());
    overview.counts().forEach(totals::put);
    return body;
  }

  /** The agency's status list as CSV: one row per recipient; the report's columns are empty until it reports. */
  public static String statusCsv(List<ReportingService.Status> list) {
    List<List<Object>> rows = new ArrayList<>();
    for (ReportingService.Status s : list) {
      Report r = s.report();
      rows.add(Arrays.asList(s.recipient().recipientId(), s.recipient().name(), s.recipient().orgnr(),
          s.recipient().received(), s.status(), s.linkSent(), s.remindersSent(),
          r == null ? null : r.submittedAt().toString(), r != null && r.late(), r == null ? null : r.used(),
          r == null ? null : r.unspent()));
    }
    return CsvWriter.write(STATUS_COLUMNS, rows);
  }

  public static ObjectNode report(Report r) {
    ObjectNode o = Json.object().put("reference", r.reference()).put("grantId", r.grantId())
        .put("recipientId", r.recipientId()).put("name", r.name()).put("version", r.version()).put("received", r.received());
    ObjectNode used = o.putObject("usedPerArea");
    r.usedPerArea().forEach((area, amount) -> used.put(Integer.toString(area), amount));
    o.put("used", r.used()).put("unspent", r.unspent()).put("account", r.account())
        .put("separateAccounting", r.separateAccounting());
    o.putObject("reporter").put("name", r.reporterName()).put("email", r.reporterEmail());
    o.put("submittedAt", r.submittedAt().toString()).put("late", r.late());
    return o;
  }

  public static ObjectNode form(ReportingService.Form f) {
    ObjectNode o = Json.object();
    o.putObject("grant").put("id", f.grant().id()).put("title", f.grant().title())
        .put("deadline", f.grant().reporting().deadline().toString());
    o.putObject("recipient").put("id", f.recipient().recipientId()).put("name", f.recipient().name())
        .put("orgnr", f.recipient().orgnr());
    o.put("received", f.recipient().received());
    o.putObject("receivedParts").put("requisitioned", f.recipient().requisitioned())
        .put("redistributed", f.recipient().redistributed());
    ArrayNode areas = o.putArray("areas");
    for (int a : f.recipient().areas()) {
      areas.addObject().put("number", a).put("title", f.grant().area(a).map(x -> x.title()).orElse(""));
    }
    o.put("late", f.late());
    o.put("correctable", f.correctable());
    o.put("registryEmail", f.maskedRegistryEmail());
    o.putObject("invoicing").put("paymentTermDays", f.grant().invoicing().paymentTermDays())
        .put("invoiceWithinDays", f.grant().invoicing().invoiceWithinDays());
    if (f.report() != null) {
      o.set("report", report(f.report()));
    } else {
      o.putNull("report");
    }
    return o;
  }

  /** The submitted body: {usedPerArea: {"1": 100, ...}, unspent, account, separateAccounting, reporter: {name, email}}. */
  public static ReportingService.Submission submission(JsonNode root) {
    JsonBody body = new JsonBody(root, Set.of("usedPerArea", "unspent", "account", "separateAccounting", "reporter"));
    TreeMap<Integer, Long> used = new TreeMap<>();
    JsonNode u = body.object("usedPerArea", allAreaKeys(root));
    if (u != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = u.fields(); it.hasNext(); ) {
        var e = it.next();
        String field = "usedPerArea." + e.getKey();
        int area;
        try {
          area = Integer.parseInt(e.getKey());
        } catch (NumberFormatException nfe) {
          body.shapeError(field, "keys are area numbers");
          continue;
        }
        JsonNode v = e.getValue();
        if (!v.isNumber()) {
          body.shapeError(field, "must be a number (whole kronor)");
        } else if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          body.ruleError(field, "must be whole kronor");
        } else if (v.asLong() < 0) {
          body.ruleError(field, "must be 0 or more");
        } else {
          used.put(area, v.asLong());
        }
      }
    }
    Long unspent = body.wholeKronor("unspent");
    if (unspent != null && unspent < 0) {
      body.ruleError("unspent", "must be 0 or more");
    }
    String account = body.text("account", 20_000);
    Boolean separate = body.bool("separateAccounting");
    JsonNode reporter = body.object("reporter", Set.of("name", "email"));
    String name = reporter == null ? null : body.text(reporter, "name", "reporter.name", 200);
    String email = reporter == null ? null : body.email(reporter, "email", "reporter.email");
    body.check();
    return new ReportingService.Submission(used, unspent, account, name, email, separate);
  }

  /** The answer to "send a new link". */
  public static ObjectNode linkSent(ReportingService.LinkSent sent) {
    return Json.object().put("recipientId", sent.recipientId()).put("sentTo", sent.sentTo());
  }

  /** Every key of usedPerArea is allowed by shape (area numbers are checked as rules). */
  private static Set<String> allAreaKeys(JsonNode root) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    root.path("usedPerArea").fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
