package se.bidrag.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;
import se.bidrag.json.Json;

/**
 * The allocation as JSON: the same objects for {@code ./bidrag allocate --format json} and the
 * allocation routes of the API (with the grant, and what publishing did). Key values and denominators are exact integers; shares are
 * reduced fractions ({@code "308375/10587710"}), quotas mixed fractions.
 */
public final class AllocationJson {
  private AllocationJson() {}

  /** The whole allocation; {@code kind} null for all recipients. */
  public static ObjectNode allocation(Allocation allocation, RecipientKind kind) {
    ObjectNode root = Json.object();
    root.put("grant", allocation.grant().id());
    root.put("title", allocation.grant().title());
    root.put("total", allocation.grant().total());
    label(root, allocation.illustrativeDatasets());
    root.set("pots", pots(allocation));
    root.set("inputs", inputs(allocation));
    ArrayNode list = root.putArray("allocations");
    for (Allocation.RecipientAllocation a : allocation.allocations()) {
      if (kind == null || a.recipient().kind() == kind) {
        list.add(recipient(allocation, a));
      }
    }
    return root;
  }

  /**
   * Labels figures: {@code illustrative} (always), and when true the illustrative inputs and a notice in Swedish,
   * so that an object carrying amounts says so wherever it is shown on its own.
   */
  public static void label(ObjectNode o, List<String> illustrativeInputs) {
    o.put("illustrative", !illustrativeInputs.isEmpty());
    if (!illustrativeInputs.isEmpty()) {
      ArrayNode list = o.putArray("illustrativeInputs");
      illustrativeInputs.forEach(list::add);
      o.put("notice", notice(illustrativeInputs));
    }
  }

  /** The words every illustrative figure carries (the agency's pages are in Swedish). */
  public static String notice(List<String> illustrativeInputs) {
    return "Illustrativa uppgifter: beloppen bygger på illustrativa indata (" + String.join(", ", illustrativeInputs)
        + "), inte på officiella siffror, och är inte ett beslut.";
  }

  /** The illustrative datasets among stored inputs (the {@code inputs} array of {@link #inputs}). */
  public static List<String> illustrativeIn(JsonNode inputs) {
    List<String> out = new java.util.ArrayList<>();
    inputs.forEach(i -> {
      if (Provenance.ILLUSTRATIVE.equals(i.path("status").asText())) {
        out.add(i.path("dataset").asText());
      }
    });
    return out;
  }

  /** The grant's definition and how far its publishing has come. */
  /** {@code GET /grants}: each grant's id, title, year, total and deadlines, the newest grant year first. */
  public static ObjectNode grants(java.util.List<GrantDefinition> grants) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("grants");
    grants.stream().sorted(java.util.Comparator.comparingInt(GrantDefinition::grantYear).reversed()
        .thenComparing(GrantDefinition::id)).forEach(g -> {
          ObjectNode o = list.addObject().put("id", g.id()).put("title", g.title()).put("grantYear", g.grantYear())
              .put("total", g.total()).put("requisitionDeadline", g.requisitionDeadline().toString());
          if (g.reporting() != null) {
            o.put("reportingDeadline", g.reporting().deadline().toString());
          }
          o.putObject("links").put("self", "/grants/" + g.id());
        });
    return body;
  }

  public static ObjectNode grant(GrantDefinition grant, Optional<AllocationStore.PublishedGrant> state) {
    ObjectNode body = Json.object();
    body.put("id", grant.id());
    body.put("title", grant.title());
    body.put("regulation", grant.regulation());
    body.put("grantYear", grant.grantYear());
    body.put("total", grant.total());
    body.put("timeZone", grant.timeZone().getId());
    body.put("requisitionDeadline", grant.requisitionDeadline().toString());
    body.put("requisitionClosesAt", grant.requisitionClosesAt().toString());
    ArrayNode pots = body.putArray("pots");
    grant.pots().forEach(p -> pots.addObject().put("id", p.id()).put("title", p.title())
        .put("recipientKind", p.recipientKind().code()).put("amount", p.amount()));
    ArrayNode areas = body.putArray("areas");
    for (GrantDefinition.Area a : grant.areas()) {
      ObjectNode o = areas.addObject().put("number", a.number()).put("title", a.title());
      if (!a.requiresAllocationFrom().isEmpty()) {
        ArrayNode req = o.putArray("requiresAllocationFrom");
        a.requiresAllocationFrom().forEach(req::add);
      }
    }
    body.put("state", state.map(AllocationStore.PublishedGrant::state).orElse("NOT_PUBLISHED"));
    state.ifPresent(s -> {
      if (s.publishedAt() != null) {
        body.put("publishedAt", s.publishedAt().toString());
      }
      body.put("allocationHash", s.allocationHash());
      label(body, illustrativeIn(parse(s.attributes().getOrDefault("summary", "{}")).path("inputs")));
    });
    return body;
  }

  /**
   * The year's timeline beside the grant: the system's clock ({@code now}, in the grant's time zone), the
   * reporting dates with the computed reminder dates, the invoicing terms and daily run, the
   * redistribution's run (the first daily run after the deadline) and the daily payout (always attested).
   */
  static ObjectNode timeline(ObjectNode body, GrantDefinition grant, YearSchedule schedule, java.time.Instant now) {
    body.put("now", now.atZone(grant.timeZone()).toOffsetDateTime().toString());
    if (grant.reporting() != null) {
      GrantDefinition.Reporting r = grant.reporting();
      ObjectNode rep = body.putObject("reporting").put("dispatchDate", r.dispatchDate().toString())
          .put("deadline", r.deadline().toString());
      ArrayNode reminders = rep.putArray("reminders");
      r.reminderWorkingDays().stream().sorted()
          .forEach(d -> reminders.add(se.bidrag.grant.SwedishCalendar.addWorkingDays(r.deadline(), d).toString()));
    }
    GrantDefinition.Invoicing inv = grant.invoicing() != null ? grant.invoicing() : GrantDefinition.Invoicing.DEFAULT;
    body.putObject("invoicing").put("paymentTermDays", inv.paymentTermDays())
        .put("dailyRunAt", schedule.invoicingDailyAt().toString());
    java.time.ZonedDateTime redistribution = schedule.redistribution(grant);
    if (redistribution != null) {
      body.put("redistributionAt", redistribution.toOffsetDateTime().toString());
    }
    body.putObject("payouts").put("dailyRunAt", schedule.payoutDailyAt().toString()).put("requiresAttestation", true);
    return body;
  }

  /** What publishing did: the figures' hash, totals, pots and inputs. */
  public static ObjectNode published(String grantId, AllocationService.Published published) {
    ObjectNode body = Json.object();
    body.put("grant", grantId);
    body.put("outcome", published.outcome() == AllocationStore.Outcome.PUBLISHED ? "published" : "already-published");
    body.put("allocationHash", published.allocationHash());
    body.put("total", published.allocation().total());
    body.put("recipients", published.allocation().allocations().size());
    label(body, published.allocation().illustrativeDatasets());
    body.set("pots", pots(published.allocation()));
    body.set("inputs", inputs(published.allocation()));
    return body;
  }

  /** The published allocation as stored: its summary and the recipients' objects ({@code kind} null for all). */
  public static ObjectNode published(GrantDefinition grant, AllocationStore.PublishedGrant published,
      List<AllocationStore.StoredAllocation> allocations, RecipientKind kind) {
    JsonNode summary = parse(published.attributes().get("summary"));
    ObjectNode body = Json.object();
    body.put("grant", grant.id());
    body.put("title", grant.title());
    body.put("total", grant.total());
    body.put("allocationHash", published.allocationHash());
    label(body, illustrativeIn(summary.path("inputs")));
    body.set("pots", summary.path("pots"));
    body.set("inputs", summary.path("inputs"));
    ArrayNode list = body.putArray("allocations");
    for (AllocationStore.StoredAllocation a : allocations) {
      if (kind == null || a.kind() == kind) {
        list.add(parse(a.json()));
      }
    }
    return body;
  }

  private static JsonNode parse(String json) {
    try {
      return Json.parse(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not readable", e);
    }
  }

  public static ArrayNode pots(Allocation allocation) {
    ArrayNode pots = Json.array();
    for (Allocation.PotTotal p : allocation.pots()) {
      ObjectNode o = pots.addObject();
      o.put("id", p.id());
      o.put("title", p.title());
      o.put("recipientKind", p.recipientKind().code());
      o.put("amount", p.amount());
      o.put("allocated", p.allocated());
    }
    return pots;
  }

  public static ArrayNode inputs(Allocation allocation) {
    ArrayNode inputs = Json.array();
    for (Provenance p : allocation.inputs()) {
      ObjectNode o = inputs.addObject();
      o.put("dataset", p.dataset());
      o.put("file", p.file());
      o.put("status", p.status());
      o.put("source", p.source());
      o.put("vintage", p.vintage());
      if (p.note() != null) {
        o.put("note", p.note());
      }
      o.put("rows", p.rows());
      o.put("sha256", p.sha256());
      if (p.imported() != null) {
        Provenance.Import i = p.imported();
        ObjectNode x = o.putObject("imported");
        x.put("originalFile", i.originalFile());
        x.put("originalSha256", i.originalSha256());
        x.put("reader", i.reader());
        x.put("layout", i.layout());
        i.checks().forEach(x.putArray("checks")::add);
        i.warnings().forEach(x.putArray("warnings")::add);
      }
    }
    return inputs;
  }

  /** One recipient's allocation, labelled with the allocation's illustrative inputs (if any). */
  public static ObjectNode recipient(Allocation allocation, Allocation.RecipientAllocation a) {
    ObjectNode o = Json.object();
    o.put("recipientId", a.recipient().id());
    o.put("kind", a.recipient().kind().code());
    o.put("code", a.recipient().code());
    o.put("name", a.recipient().name());
    o.put("region", a.recipient().regionName());
    o.put("regionCode", a.recipient().regionCode());
    if (a.recipient().orgnr() == null) {
      o.putNull("orgnr");
    } else {
      o.put("orgnr", a.recipient().orgnr());
    }
    label(o, allocation.illustrativeDatasets());
    ObjectNode pots = o.putObject("pots");
    a.pots().forEach(pots::put);
    o.put("total", a.total());
    ArrayNode explanation = o.putArray("explanation");
    for (Allocation.PotExplanation e : a.explanation()) {
      ObjectNode x = explanation.addObject();
      x.put("potId", e.potId());
      x.put("potAmount", e.potAmount());
      x.put("keyValue", e.keyValue());
      x.put("denominator", e.denominator());
      x.put("share", e.share().exactShare());
      x.put("exactAmount", e.share().exactQuota());
      x.put("roundedUp", e.share().roundedUp());
      x.put("amount", e.amount());
      ArrayNode comps = x.putArray("components");
      for (Allocation.ComponentValue c : e.components()) {
        ObjectNode co = comps.addObject();
        co.put("measure", c.measure());
        if (c.weightedBy() != null) {
          co.put("weightedBy", c.weightedBy());
        }
        if (c.recipientClass() != null) {
          co.put("class", c.recipientClass());
          co.put("classWeight", c.classWeight());
        }
        co.put("portion", c.portion());
        co.put("value", c.value());
        co.put("total", c.total());
      }
      if (!e.breakdown().isEmpty()) {
        ArrayNode lines = x.putArray("breakdown");
        for (Allocation.BreakdownLine l : e.breakdown()) {
          ObjectNode lo = lines.addObject();
          lo.put("code", l.code());
          lo.put("name", l.name());
          if (l.recipientClass() != null) {
            lo.put("class", l.recipientClass());
            lo.put("classWeight", l.classWeight());
          }
          lo.put("measureValue", l.measureValue());
          lo.put("keyValue", l.keyValue());
          lo.put("amount", l.amount());
        }
      }
    }
    return o;
  }
}
