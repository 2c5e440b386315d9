package se.bidrag.grant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import se.bidrag.json.Json;

/**
 * Parses and checks a grant definition, gathering every problem (each naming the file and the field path): each
 * field, measure, classification, pot, key component and area is read on its own, and a part that cannot be read
 * is left out of the checks that depend on it (a pot whose amount is unreadable is left out of the sum).
 */
final class GrantParser {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

  private final String file;
  private final List<String> problems = new ArrayList<>();

  private GrantParser(String file) {
    this.file = file;
  }

  /**
   * What could be read of a definition: every problem, and the definition as far as it can be built despite
   * them (null when a part it cannot do without is unreadable), for the checks that go on from it.
   */
  record Parsed(GrantDefinition partial, List<String> problems) {}

  /** The definition; a {@link GrantDefinitionException} listing every problem if there is any. */
  static GrantDefinition parse(String file, String text) {
    Parsed p = gather(file, text);
    if (!p.problems().isEmpty() || p.partial() == null) {
      throw new GrantDefinitionException(p.problems().isEmpty() ? List.of(file + ": cannot be read") : p.problems());
    }
    return p.partial();
  }

  static Parsed gather(String file, String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (JsonProcessingException e) {
      return new Parsed(null, List.of(file + ": not valid JSON: " + e.getOriginalMessage()));
    }
    GrantParser r = new GrantParser(file);
    GrantDefinition grant = r.guard(() -> r.definition(root));
    return new Parsed(grant, List.copyOf(r.problems));
  }

  private GrantDefinition definition(JsonNode root) {
    only(root, "", Set.of("id", "title", "regulation", "instructions", "agency", "grantYear", "total", "timeZone",
        "requisitionDeadline", "measures", "classifications", "pots", "areas", "reporting", "invoicing", "scheduledJobs"));
    String id = guard(() -> {
      String v = text(root, "id");
      if (!ID.matcher(v).matches()) {
        throw error("id", "must be lower-case letters, digits and dashes");
      }
      return v;
    });
    String title = guard(() -> text(root, "title"));
    String regulation = guard(() -> text(root, "regulation"));
    String instructions = guard(() -> text(root, "instructions"));
    GrantDefinition.Agency agency = guard(() -> agency(object(root, "agency")));
    ZoneId zone = guard(() -> {
      String t = text(root, "timeZone");
      try {
        return ZoneId.of(t);
      } catch (DateTimeException e) {
        throw error("timeZone", "is not a time zone id");
      }
    });
    LocalDate deadline = guard(() -> date(root, "requisitionDeadline", "requisitionDeadline"));
    Long total = guard(() -> positiveLong(root, "total", "total"));
    Integer grantYear = guard(() -> Math.toIntExact(positiveLong(root, "grantYear", "grantYear")));

    Map<String, GrantDefinition.Measure> measures = new LinkedHashMap<>();
    JsonNode measuresNode = guard(() -> object(root, "measures"));
    for (var e : entries(measuresNode)) {
      String path = "measures." + e.getKey();
      only(e.getValue(), path + ".", Set.of("dataset", "title"));
      String dataset = guard(() -> text(e.getValue(), "dataset", path + ".dataset"));
      String mtitle = guard(() -> text(e.getValue(), "title", path + ".title"));
      measures.put(e.getKey(), new GrantDefinition.Measure(e.getKey(), dataset, mtitle));
    }

    Map<String, GrantDefinition.Classification> classifications = new LinkedHashMap<>();
    JsonNode classNode = root.has("classifications") ? guard(() -> object(root, "classifications")) : Json.object();
    for (var e : entries(classNode)) {
      String path = "classifications." + e.getKey();
      only(e.getValue(), path + ".", Set.of("dataset", "title", "weights"));
      Map<String, Long> weights = new LinkedHashMap<>();
      for (var we : entries(guard(() -> object(e.getValue(), "weights", path + ".weights")))) {
        Long w = guard(() -> nonNegativeLong(we.getValue(), path + ".weights." + we.getKey()));
        weights.put(we.getKey(), w == null ? 0L : w);
      }
      String dataset = guard(() -> text(e.getValue(), "dataset", path + ".dataset"));
      String ctitle = guard(() -> text(e.getValue(), "title", path + ".title"));
      classifications.put(e.getKey(), new GrantDefinition.Classification(e.getKey(), dataset, ctitle, weights));
    }

    List<GrantDefinition.Pot> pots = new ArrayList<>();
    Set<String> potIds = new HashSet<>();
    JsonNode potsNode = guard(() -> array(root, "pots", "pots"));
    boolean sumKnown = potsNode != null;
    long sum = 0;
    for (int i = 0; potsNode != null && i < potsNode.size(); i++) {
      GrantDefinition.Pot pot = guard(pot(potsNode.get(i), "pots[" + i + "]", potIds, measures, classifications));
      if (pot == null || pot.amount() < 0) {
        sumKnown = false;
      } else {
        sum = Math.addExact(sum, pot.amount());
        if (pot.id() != null && pot.recipientKind() != null) {
          pots.add(pot);
        }
      }
    }
    if (sumKnown && total != null && sum != total) {
      problems.add(error("pots", "amounts add up to " + sum + ", but total is " + total).getMessage());
    }

    List<GrantDefinition.Area> areas = guard(() -> areas(root, potIds));
    GrantDefinition.Reporting reporting = root.has("reporting") ? guard(() -> reporting(object(root, "reporting"))) : null;
    GrantDefinition.Invoicing invoicing = root.has("invoicing")
        ? guard(() -> invoicing(object(root, "invoicing"))) : GrantDefinition.Invoicing.DEFAULT;
    Boolean scheduled = guard(() -> {
      JsonNode v = root.path("scheduledJobs");
      if (!v.isMissingNode() && !v.isBoolean()) {
        throw error("scheduledJobs", "must be true or false");
      }
      return v.isMissingNode() || v.asBoolean();
    });
    if (java.util.Arrays.asList(id, title, regulation, instructions, agency, grantYear, total, zone, deadline, areas,
        invoicing, scheduled).contains(null)) {
      return null; // not even a partial definition: the problems say why
    }
    return new GrantDefinition(id, title, regulation, instructions, agency, grantYear, total, zone, deadline, measures,
        classifications, pots, areas, reporting, invoicing, scheduled);
  }

  private GrantDefinition.Agency agency(JsonNode agencyNode) {
    only(agencyNode, "agency.", Set.of("name", "orgnr", "postalCode", "city"));
    String name = guard(() -> text(agencyNode, "name", "agency.name"));
    String orgnr = text(agencyNode, "orgnr", "agency.orgnr");
    if (!Orgnr.isValid(orgnr)) {
      throw error("agency.orgnr", "is not a valid organisationsnummer");
    }
    String postal = agencyNode.has("postalCode") ? guard(() -> text(agencyNode, "postalCode", "agency.postalCode")) : null;
    String city = agencyNode.has("city") ? guard(() -> text(agencyNode, "city", "agency.city")) : null;
    return new GrantDefinition.Agency(name, orgnr, postal, city);
  }

  /** One pot, its problems gathered; its amount is -1 when unreadable (left out of the sum). */
  private Supplier<GrantDefinition.Pot> pot(JsonNode p, String path, Set<String> potIds,
      Map<String, GrantDefinition.Measure> measures, Map<String, GrantDefinition.Classification> classifications) {
    return () -> {
      only(p, path + ".", Set.of("id", "title", "recipientKind", "amount", "key", "breakdown"));
      String potId = guard(() -> {
        String v = text(p, "id", path + ".id");
        if (!ID.matcher(v).matches() || !potIds.add(v)) {
          throw error(path + ".id", "'" + v + "' is not a unique lower-case id");
        }
        return v;
      });
      RecipientKind kind = guard(() -> {
        String kindText = text(p, "recipientKind", path + ".recipientKind");
        return RecipientKind.parse(kindText)
            .orElseThrow(() -> error(path + ".recipientKind", "'" + kindText + "' is not region, kommun or enhet"));
      });
      Long amount = guard(() -> nonNegativeLong(field(p, "amount", path + ".amount"), path + ".amount"));
      List<GrantDefinition.KeyComponent> key = new ArrayList<>();
      JsonNode keyNode = guard(() -> {
        JsonNode k = array(p, "key", path + ".key");
        if (k.isEmpty()) {
          throw error(path + ".key", "must have at least one component");
        }
        return k;
      });
      for (int k = 0; keyNode != null && k < keyNode.size(); k++) {
        JsonNode c = keyNode.get(k);
        String cpath = path + ".key[" + k + "]";
        key.add(guard(() -> {
          only(c, cpath + ".", Set.of("measure", "portion", "weightedBy"));
          String measure = guard(() -> {
            String m = text(c, "measure", cpath + ".measure");
            if (!measures.containsKey(m)) {
              throw error(cpath + ".measure", "'" + m + "' is not declared under measures");
            }
            return m;
          });
          Long portion = guard(() -> positiveLong(c, "portion", cpath + ".portion"));
          String weightedBy = c.has("weightedBy") ? text(c, "weightedBy", cpath + ".weightedBy") : null;
          if (weightedBy != null && !classifications.containsKey(weightedBy)) {
            throw error(cpath + ".weightedBy", "'" + weightedBy + "' is not declared under classifications");
          }
          return new GrantDefinition.KeyComponent(measure, portion == null ? 1 : portion, weightedBy);
        }));
      }
      key.removeIf(c -> c == null || c.measure() == null);
      String breakdown = p.has("breakdown") ? guard(() -> text(p, "breakdown", path + ".breakdown")) : null;
      if (breakdown != null && kind != null && !(breakdown.equals("municipality") && kind == RecipientKind.REGION)) {
        problems.add(error(path + ".breakdown", "only 'municipality' on a region pot is supported").getMessage());
      }
      String title = guard(() -> text(p, "title", path + ".title"));
      return new GrantDefinition.Pot(potId, title, kind, amount == null ? -1 : amount, key, breakdown);
    };
  }

  private List<GrantDefinition.Area> areas(JsonNode root, Set<String> potIds) {
    List<GrantDefinition.Area> areas = new ArrayList<>();
    JsonNode areasNode = array(root, "areas", "areas");
    for (int i = 0; i < areasNode.size(); i++) {
      JsonNode a = areasNode.get(i);
      String path = "areas[" + i + "]";
      int n = i + 1;
      areas.add(guard(() -> {
        only(a, path + ".", Set.of("number", "title", "requiresAllocationFrom"));
        Long number = guard(() -> positiveLong(a, "number", path + ".number"));
        if (number != null && number != n) {
          problems.add(error(path + ".number", "areas must be numbered 1, 2, 3, ... in order").getMessage());
        }
        List<String> requires = new ArrayList<>();
        if (a.has("requiresAllocationFrom")) {
          for (JsonNode potRef : array(a, "requiresAllocationFrom", path + ".requiresAllocationFrom")) {
            if (!potRef.isTextual() || !potIds.contains(potRef.asText())) {
              problems.add(error(path + ".requiresAllocationFrom", potRef + " is not a pot id").getMessage());
            } else {
              requires.add(potRef.asText());
            }
          }
        }
        return new GrantDefinition.Area(n, text(a, "title", path + ".title"), requires);
      }));
    }
    areas.removeIf(java.util.Objects::isNull);
    if (areas.isEmpty()) {
      throw error("areas", "must list at least one area");
    }
    return areas;
  }

  private GrantDefinition.Reporting reporting(JsonNode rep) {
    only(rep, "reporting.", Set.of("dispatchDate", "deadline", "reminderWorkingDays", "linkGraceDays"));
    List<Integer> reminders = new ArrayList<>();
    JsonNode days = guard(() -> array(rep, "reminderWorkingDays", "reporting.reminderWorkingDays"));
    for (JsonNode n : days == null ? Json.array() : days) {
      if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() == 0) {
        problems.add(error("reporting.reminderWorkingDays", n + " is not a non-zero whole number of working days")
            .getMessage());
      } else {
        reminders.add(n.asInt());
      }
    }
    LocalDate dispatch = guard(() -> date(rep, "dispatchDate", "reporting.dispatchDate"));
    LocalDate due = guard(() -> date(rep, "deadline", "reporting.deadline"));
    if (dispatch != null && due != null && !dispatch.isBefore(due)) {
      problems.add(error("reporting.dispatchDate", "must be before reporting.deadline").getMessage());
    }
    long grace = positiveLong(rep, "linkGraceDays", "reporting.linkGraceDays");
    if (grace > 366) {
      throw error("reporting.linkGraceDays", "must be at most 366 days");
    }
    return new GrantDefinition.Reporting(dispatch, due, reminders, Math.toIntExact(grace));
  }

  private GrantDefinition.Invoicing invoicing(JsonNode inv) {
    only(inv, "invoicing.", Set.of("paymentTermDays", "invoiceWithinDays", "series"));
    Long days = guard(() -> {
      long d = positiveLong(inv, "paymentTermDays", "invoicing.paymentTermDays");
      if (d > 365) {
        throw error("invoicing.paymentTermDays", "must be at most 365 days");
      }
      return d;
    });
    Long within = guard(() -> {
      long w = inv.has("invoiceWithinDays") ? positiveLong(inv, "invoiceWithinDays", "invoicing.invoiceWithinDays")
          : GrantDefinition.Invoicing.DEFAULT.invoiceWithinDays();
      if (w > 90) {
        throw error("invoicing.invoiceWithinDays", "must be at most 90 days");
      }
      return w;
    });
    long series = inv.has("series") ? nonNegativeLong(inv.get("series"), "invoicing.series") : 0;
    if (series > 9) {
      throw error("invoicing.series", "must be one digit, 0-9");
    }
    return days == null || within == null ? null
        : new GrantDefinition.Invoicing(days.intValue(), within.intValue(), (int) series);
  }

  // ------------------------------------------------------------------ reading fields, gathering problems

  /** The value, or null with the problem recorded. */
  private <T> T guard(Supplier<T> read) {
    try {
      return read.get();
    } catch (GrantDefinitionException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> entries(JsonNode node) {
    return node != null && node.isObject() ? node::fields : List.of();
  }

  private GrantDefinitionException error(String path, String message) {
    return new GrantDefinitionException(file + ": " + path + ": " + message);
  }

  /** Records every unknown field (a node that is no object is thrown: nothing in it can be read). */
  private void only(JsonNode node, String prefix, Set<String> allowed) {
    if (!node.isObject()) {
      throw error(prefix.isEmpty() ? "(root)" : prefix.substring(0, prefix.length() - 1), "must be an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name)) {
        problems.add(error(prefix + name, "unknown field").getMessage());
      }
    }
  }

  private JsonNode field(JsonNode node, String name, String path) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw error(path, "is required");
    }
    return v;
  }

  private String text(JsonNode node, String name) {
    return text(node, name, name);
  }

  private String text(JsonNode node, String name, String path) {
    JsonNode v = field(node, name, path);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw error(path, "must be a non-empty string");
    }
    return v.asText();
  }

  private JsonNode object(JsonNode node, String name) {
    return object(node, name, name);
  }

  private JsonNode object(JsonNode node, String name, String path) {
    JsonNode v = field(node, name, path);
    if (!v.isObject()) {
      throw error(path, "must be an object");
    }
    return v;
  }

  private JsonNode array(JsonNode node, String name, String path) {
    JsonNode v = field(node, name, path);
    if (!v.isArray()) {
      throw error(path, "must be an array");
    }
    return v;
  }

  private LocalDate date(JsonNode node, String name, String path) {
    String t = text(node, name, path);
    try {
      return LocalDate.parse(t);
    } catch (DateTimeException e) {
      throw error(path, "'" + t + "' is not a date (YYYY-MM-DD)");
    }
  }

  private long positiveLong(JsonNode node, String name, String path) {
    long v = nonNegativeLong(field(node, name, path), path);
    if (v == 0) {
      throw error(path, "must be at least 1");
    }
    return v;
  }

  private long nonNegativeLong(JsonNode v, String path) {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw error(path, "must be a whole number >= 0");
    }
    return v.asLong();
  }
}
