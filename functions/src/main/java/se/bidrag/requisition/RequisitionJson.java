package se.bidrag.requisition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import se.bidrag.grant.RecipientKind;
import se.bidrag.http.JsonBody;
import se.bidrag.json.Json;

/** The requisition as JSON: the e-service's request body, and the stored requisition it gets back. */
public final class RequisitionJson {
  static final Set<String> FIELDS = Set.of("amount", "implementers", "areas", "wantsRemainingFunds", "contact",
      "registryEmail", "signedBy");
  static final int MAX_IMPLEMENTERS = 50;

  private RequisitionJson() {}

  /** Reads the body (400 for shape errors, 422 for missing or malformed values; the grant's rules come after). */
  public static RequisitionForm form(JsonNode root) {
    JsonBody body = new JsonBody(root, FIELDS);
    Long amount = body.wholeKronor("amount");
    List<String> implementers = new ArrayList<>();
    JsonNode impl = body.array("implementers");
    if (impl != null) {
      if (impl.isEmpty()) {
        body.ruleError("implementers", "must name at least one who carries out the work");
      } else if (impl.size() > MAX_IMPLEMENTERS) {
        body.ruleError("implementers", "at most " + MAX_IMPLEMENTERS + " entries");
      }
      for (int i = 0; i < impl.size(); i++) {
        JsonNode v = impl.get(i);
        if (!v.isTextual()) {
          body.shapeError("implementers[" + i + "]", "must be a string");
        } else if (v.asText().isBlank()) {
          body.ruleError("implementers[" + i + "]", "must not be empty");
        } else if (v.asText().strip().length() > 200) {
          body.ruleError("implementers[" + i + "]", "is longer than 200 characters");
        } else {
          implementers.add(v.asText().strip());
        }
      }
    }
    TreeSet<Integer> areas = new TreeSet<>();
    JsonNode ar = body.array("areas");
    if (ar != null) {
      if (ar.isEmpty()) {
        body.ruleError("areas", "must name at least one area");
      }
      for (int i = 0; i < ar.size(); i++) {
        JsonNode v = ar.get(i);
        if (!v.isNumber()) {
          body.shapeError("areas[" + i + "]", "must be an area number");
        } else if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          body.ruleError("areas[" + i + "]", v + " is not an area number");
        } else if (!areas.add(v.intValue())) {
          body.ruleError("areas[" + i + "]", "area " + v.intValue() + " is listed twice");
        }
      }
    }
    Boolean wants = body.bool("wantsRemainingFunds");
    JsonNode contactNode = body.object("contact", Set.of("name", "email"));
    String contactName = contactNode == null ? null : body.text(contactNode, "name", "contact.name", 200);
    String contactEmail = contactNode == null ? null : body.email(contactNode, "email", "contact.email");
    String registry = body.email("registryEmail");
    String signedBy = body.text("signedBy", 200);
    body.check();
    return new RequisitionForm(amount, implementers, areas, wants, new RequisitionForm.Contact(contactName, contactEmail),
        registry, signedBy);
  }

  /** The agency's list: every requisition of the grant, with totals and each pot's requisitioned amount. */
  public static ObjectNode overview(RequisitionService.Overview o) {
    ObjectNode body = Json.object();
    body.put("grant", o.grant().id());
    body.put("requisitionDeadline", o.grant().requisitionDeadline().toString());
    ObjectNode totals = body.putObject("totals");
    totals.put("requisitioned", o.total());
    totals.put("recipients", o.recipients());
    o.counts().forEach((st, n) -> totals.put(st.code(), n));
    totals.put("notRequisitioned", o.notRequisitioned());
    ArrayNode pots = body.putArray("pots");
    for (var p : o.grant().pots()) {
      pots.addObject().put("potId", p.id()).put("amount", p.amount())
          .put("requisitioned", o.requisitionedPerPot().getOrDefault(p.id(), 0L))
          .put("counter", o.potCounters().getOrDefault(p.id(), 0L));
    }
    ArrayNode list = body.putArray("requisitions");
    o.requisitions().forEach(r -> list.add(json(r)));
    return body;
  }

  public static ObjectNode json(Requisition r) {
    ObjectNode o = Json.object();
    o.put("grantId", r.grantId());
    o.put("recipientId", r.recipientId());
    o.put("kind", r.kind().code());
    o.put("name", r.name());
    o.put("orgnr", r.orgnr());
    o.put("status", r.status().code());
    o.put("version", r.version());
    o.put("amount", r.amount());
    o.put("allocation", r.allocation());
    ObjectNode pots = o.putObject("pots");
    r.pots().forEach(pots::put);
    form(o, r.form());
    o.put("submittedAt", r.submittedAt().toString());
    o.put("updatedAt", r.updatedAt().toString());
    o.put("updatedBy", r.updatedBy());
    if (r.paidAt() != null) {
      o.put("paidAt", r.paidAt().toString());
    }
    return o;
  }

  private static void form(ObjectNode o, RequisitionForm f) {
    ArrayNode impl = o.putArray("implementers");
    f.implementers().forEach(impl::add);
    ArrayNode areas = o.putArray("areas");
    f.areas().forEach(areas::add);
    o.put("wantsRemainingFunds", f.wantsRemainingFunds());
    o.putObject("contact").put("name", f.contact().name()).put("email", f.contact().email());
    o.put("registryEmail", f.registryEmail());
    o.put("signedBy", f.signedBy());
  }

  /** The form alone, as stored. */
  static String formJson(RequisitionForm f) {
    ObjectNode o = Json.object();
    o.put("amount", f.amount());
    form(o, f);
    return Json.write(o);
  }

  static RequisitionForm formFromJson(String json) {
    JsonNode n = Json.parse(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    List<String> impl = new ArrayList<>();
    n.path("implementers").forEach(i -> impl.add(i.asText()));
    TreeSet<Integer> areas = new TreeSet<>();
    n.path("areas").forEach(a -> areas.add(a.asInt()));
    return new RequisitionForm(n.path("amount").asLong(), impl, areas, n.path("wantsRemainingFunds").asBoolean(),
        new RequisitionForm.Contact(n.path("contact").path("name").asText(), n.path("contact").path("email").asText()),
        n.path("registryEmail").asText(), n.path("signedBy").asText());
  }

  /** Rebuilds a requisition from its JSON (as {@link #json} wrote it). */
  static Requisition fromJson(JsonNode o) {
    Map<String, Long> pots = new LinkedHashMap<>();
    o.path("pots").fields().forEachRemaining(e -> pots.put(e.getKey(), e.getValue().asLong()));
    RequisitionForm f = formFromJson(Json.write(o));
    return new Requisition(o.path("grantId").asText(), o.path("recipientId").asText(), o.path("orgnr").asText(),
        RecipientKind.parse(o.path("kind").asText()).orElseThrow(), o.path("name").asText(), o.path("allocation").asLong(),
        RequisitionStatus.parse(o.path("status").asText()), o.path("version").asLong(),
        f, pots, Instant.parse(o.path("submittedAt").asText()), Instant.parse(o.path("updatedAt").asText()),
        o.path("updatedBy").asText(), o.hasNonNull("paidAt") ? Instant.parse(o.path("paidAt").asText()) : null);
  }
}
