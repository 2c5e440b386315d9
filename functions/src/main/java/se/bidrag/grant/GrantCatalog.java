package se.bidrag.grant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import se.bidrag.json.Json;

/** Loads grant definitions from {@code grants/<id>.json} on the classpath, strictly. */
public final class GrantCatalog {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final GrantCatalog BUNDLED = new GrantCatalog();

  private final Map<String, Optional<GrantDefinition>> cache = new ConcurrentHashMap<>();

  public static GrantCatalog bundled() {
    return BUNDLED;
  }

  /** The grant with this id, or empty if there is no definition file for it. */
  public Optional<GrantDefinition> find(String grantId) {
    if (grantId == null || !ID.matcher(grantId).matches()) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(grantId, this::load);
  }

  /**
   * The grants this deployment carries: the ids listed in {@code grants/index.txt}, one a line (a
   * test proves the list names exactly the bundled definition files).
   */
  public List<String> ids() {
    return INDEX.get();
  }

  /** The grants the daily jobs run for, in the order of {@link #ids()} (all but the smoke-test grant). */
  public List<GrantDefinition> scheduled() {
    return ids().stream().map(this::require).filter(GrantDefinition::scheduledJobs).toList();
  }

  /** The organisation numbers of the agencies that administer the bundled grants. */
  public Set<String> agencyOrgnrs() {
    Set<String> out = new java.util.TreeSet<>();
    for (String id : ids()) {
      out.add(require(id).agency().orgnr());
    }
    return out;
  }

  private static final se.bidrag.util.Memo<List<String>> INDEX = new se.bidrag.util.Memo<>(() -> {
    InputStream in = GrantCatalog.class.getClassLoader().getResourceAsStream("grants/index.txt");
    if (in == null) {
      throw new GrantDefinitionException("grants/index.txt is missing: it lists the bundled grants");
    }
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  });

  public GrantDefinition require(String grantId) {
    return find(grantId).orElseThrow(() -> new GrantDefinitionException("no grant definition grants/" + grantId + ".json"));
  }

  private Optional<GrantDefinition> load(String grantId) {
    String file = "grants/" + grantId + ".json";
    InputStream in = GrantCatalog.class.getClassLoader().getResourceAsStream(file);
    if (in == null) {
      return Optional.empty();
    }
    try (in) {
      GrantDefinition grant = parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      if (!grant.id().equals(grantId)) {
        throw new GrantDefinitionException(file + ": id: is '" + grant.id() + "', expected '" + grantId + "'");
      }
      return Optional.of(grant);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and checks a definition; every problem names the file and the field. */
  public static GrantDefinition parse(String file, String text) {
    JsonNode root;
    try {
      root = Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new GrantDefinitionException(file + ": not valid JSON: " + e.getOriginalMessage());
    }
    Reader r = new Reader(file);
    r.only(root, "", Set.of("id", "title", "regulation", "instructions", "agency", "grantYear", "total", "timeZone",
        "requisitionDeadline", "measures", "classifications", "pots", "areas", "reporting", "invoicing", "scheduledJobs"));
    String id = r.text(root, "id");
    if (!ID.matcher(id).matches()) {
      throw r.error("id", "must be lower-case letters, digits and dashes");
    }
    JsonNode agencyNode = r.object(root, "agency");
    r.only(agencyNode, "agency.", Set.of("name", "orgnr", "postalCode", "city"));
    String agencyOrgnr = r.text(agencyNode, "orgnr", "agency.orgnr");
    if (!Orgnr.isValid(agencyOrgnr)) {
      throw r.error("agency.orgnr", "is not a valid organisationsnummer");
    }
    var agency = new GrantDefinition.Agency(r.text(agencyNode, "name", "agency.name"), agencyOrgnr,
        agencyNode.has("postalCode") ? r.text(agencyNode, "postalCode", "agency.postalCode") : null,
        agencyNode.has("city") ? r.text(agencyNode, "city", "agency.city") : null);
    ZoneId zone;
    try {
      zone = ZoneId.of(r.text(root, "timeZone"));
    } catch (DateTimeException e) {
      throw r.error("timeZone", "is not a time zone id");
    }
    LocalDate deadline = r.date(root, "requisitionDeadline", "requisitionDeadline");
    long total = r.positiveLong(root, "total", "total");

    Map<String, GrantDefinition.Measure> measures = new LinkedHashMap<>();
    JsonNode measuresNode = r.object(root, "measures");
    for (Iterator<Map.Entry<String, JsonNode>> it = measuresNode.fields(); it.hasNext(); ) {
      var e = it.next();
      String path = "measures." + e.getKey();
      r.only(e.getValue(), path + ".", Set.of("dataset", "title"));
      measures.put(e.getKey(), new GrantDefinition.Measure(e.getKey(), r.text(e.getValue(), "dataset", path + ".dataset"),
          r.text(e.getValue(), "title", path + ".title")));
    }

    Map<String, GrantDefinition.Classification> classifications = new LinkedHashMap<>();
    JsonNode classNode = root.has("classifications") ? r.object(root, "classifications") : Json.object();
    for (Iterator<Map.Entry<String, JsonNode>> it = classNode.fields(); it.hasNext(); ) {
      var e = it.next();
      String path = "classifications." + e.getKey();
      r.only(e.getValue(), path + ".", Set.of("dataset", "title", "weights"));
      JsonNode w = r.object(e.getValue(), "weights", path + ".weights");
      Map<String, Long> weights = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> wi = w.fields(); wi.hasNext(); ) {
        var we = wi.next();
        weights.put(we.getKey(), r.nonNegativeLong(we.getValue(), path + ".weights." + we.getKey()));
      }
      classifications.put(e.getKey(), new GrantDefinition.Classification(e.getKey(),
          r.text(e.getValue(), "dataset", path + ".dataset"), r.text(e.getValue(), "title", path + ".title"), weights));
    }

    List<GrantDefinition.Pot> pots = new ArrayList<>();
    Set<String> potIds = new HashSet<>();
    JsonNode potsNode = r.array(root, "pots", "pots");
    long sum = 0;
    for (int i = 0; i < potsNode.size(); i++) {
      JsonNode p = potsNode.get(i);
      String path = "pots[" + i + "]";
      r.only(p, path + ".", Set.of("id", "title", "recipientKind", "amount", "key", "breakdown"));
      String potId = r.text(p, "id", path + ".id");
      if (!ID.matcher(potId).matches() || !potIds.add(potId)) {
        throw r.error(path + ".id", "'" + potId + "' is not a unique lower-case id");
      }
      String kindText = r.text(p, "recipientKind", path + ".recipientKind");
      RecipientKind kind = RecipientKind.parse(kindText)
          .orElseThrow(() -> r.error(path + ".recipientKind", "'" + kindText + "' is not region or kommun"));
      long amount = r.nonNegativeLong(r.field(p, "amount", path + ".amount"), path + ".amount");
      sum = Math.addExact(sum, amount);
      List<GrantDefinition.KeyComponent> key = new ArrayList<>();
      JsonNode keyNode = r.array(p, "key", path + ".key");
      if (keyNode.isEmpty()) {
        throw r.error(path + ".key", "must have at least one component");
      }
      for (int k = 0; k < keyNode.size(); k++) {
        JsonNode c = keyNode.get(k);
        String cpath = path + ".key[" + k + "]";
        r.only(c, cpath + ".", Set.of("measure", "portion", "weightedBy"));
        String measure = r.text(c, "measure", cpath + ".measure");
        if (!measures.containsKey(measure)) {
          throw r.error(cpath + ".measure", "'" + measure + "' is not declared under measures");
        }
        long portion = r.positiveLong(c, "portion", cpath + ".portion");
        String weightedBy = c.has("weightedBy") ? r.text(c, "weightedBy", cpath + ".weightedBy") : null;
        if (weightedBy != null && !classifications.containsKey(weightedBy)) {
          throw r.error(cpath + ".weightedBy", "'" + weightedBy + "' is not declared under classifications");
        }
        key.add(new GrantDefinition.KeyComponent(measure, portion, weightedBy));
      }
      String breakdown = p.has("breakdown") ? r.text(p, "breakdown", path + ".breakdown") : null;
      if (breakdown != null && !(breakdown.equals("municipality") && kind == RecipientKind.REGION)) {
        throw r.error(path + ".breakdown", "only 'municipality' on a region pot is supported");
      }
      pots.add(new GrantDefinition.Pot(potId, r.text(p, "title", path + ".title"), kind, amount, key, breakdown));
    }
    if (sum != total) {
      throw r.error("pots", "amounts add up to " + sum + ", but total is " + total);
    }

    List<GrantDefinition.Area> areas = new ArrayList<>();
    JsonNode areasNode = r.array(root, "areas", "areas");
    for (int i = 0; i < areasNode.size(); i++) {
      JsonNode a = areasNode.get(i);
      String path = "areas[" + i + "]";
      r.only(a, path + ".", Set.of("number", "title", "requiresAllocationFrom"));
      long number = r.positiveLong(a, "number", path + ".number");
      if (number != i + 1) {
        throw r.error(path + ".number", "areas must be numbered 1, 2, 3, ... in order");
      }
      List<String> requires = new ArrayList<>();
      if (a.has("requiresAllocationFrom")) {
        JsonNode req = r.array(a, "requiresAllocationFrom", path + ".requiresAllocationFrom");
        for (JsonNode potRef : req) {
          if (!potRef.isTextual() || !potIds.contains(potRef.asText())) {
            throw r.error(path + ".requiresAllocationFrom", potRef + " is not a pot id");
          }
          requires.add(potRef.asText());
        }
      }
      areas.add(new GrantDefinition.Area((int) number, r.text(a, "title", path + ".title"), requires));
    }
    if (areas.isEmpty()) {
      throw r.error("areas", "must list at least one area");
    }

    GrantDefinition.Reporting reporting = null;
    if (root.has("reporting")) {
      JsonNode rep = r.object(root, "reporting");
      r.only(rep, "reporting.", Set.of("dispatchDate", "deadline", "reminderWorkingDays", "linkGraceDays"));
      List<Integer> reminders = new ArrayList<>();
      for (JsonNode n : r.array(rep, "reminderWorkingDays", "reporting.reminderWorkingDays")) {
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() == 0) {
          throw r.error("reporting.reminderWorkingDays", n + " is not a non-zero whole number of working days");
        }
        reminders.add(n.asInt());
      }
      LocalDate dispatch = r.date(rep, "dispatchDate", "reporting.dispatchDate");
      LocalDate due = r.date(rep, "deadline", "reporting.deadline");
      if (!dispatch.isBefore(due)) {
        throw r.error("reporting.dispatchDate", "must be before reporting.deadline");
      }
      long grace = r.positiveLong(rep, "linkGraceDays", "reporting.linkGraceDays");
      if (grace > 366) {
        throw r.error("reporting.linkGraceDays", "must be at most 366 days");
      }
      reporting = new GrantDefinition.Reporting(dispatch, due, reminders, Math.toIntExact(grace));
    }

    GrantDefinition.Invoicing invoicing = GrantDefinition.Invoicing.DEFAULT;
    if (root.has("invoicing")) {
      JsonNode inv = r.object(root, "invoicing");
      r.only(inv, "invoicing.", Set.of("paymentTermDays", "invoiceWithinDays", "series"));
      long days = r.positiveLong(inv, "paymentTermDays", "invoicing.paymentTermDays");
      if (days > 365) {
        throw r.error("invoicing.paymentTermDays", "must be at most 365 days");
      }
      long within = inv.has("invoiceWithinDays")
          ? r.positiveLong(inv, "invoiceWithinDays", "invoicing.invoiceWithinDays")
          : GrantDefinition.Invoicing.DEFAULT.invoiceWithinDays();
      if (within > 90) {
        throw r.error("invoicing.invoiceWithinDays", "must be at most 90 days");
      }
      long series = inv.has("series") ? r.nonNegativeLong(inv.get("series"), "invoicing.series") : 0;
      if (series > 9) {
        throw r.error("invoicing.series", "must be one digit, 0-9");
      }
      invoicing = new GrantDefinition.Invoicing((int) days, (int) within, (int) series);
    }

    return new GrantDefinition(id, r.text(root, "title"), r.text(root, "regulation"), r.text(root, "instructions"),
        agency, Math.toIntExact(r.positiveLong(root, "grantYear", "grantYear")), total, zone, deadline, measures,
        classifications, pots, areas, reporting, invoicing, scheduledJobs(r, root));
  }

  private static boolean scheduledJobs(Reader r, JsonNode root) {
    JsonNode v = root.get("scheduledJobs");
    if (v == null) {
      return true;
    }
    if (!v.isBoolean()) {
      throw r.error("scheduledJobs", "must be true or false");
    }
    return v.asBoolean();
  }

  /** Reads fields of a definition, every failure naming the file and the field path. */
  private static final class Reader {
    private final String file;

    Reader(String file) {
      this.file = file;
    }

    GrantDefinitionException error(String path, String message) {
      return new GrantDefinitionException(file + ": " + path + ": " + message);
    }

    void only(JsonNode node, String prefix, Set<String> allowed) {
      if (!node.isObject()) {
        throw error(prefix.isEmpty() ? "(root)" : prefix.substring(0, prefix.length() - 1), "must be an object");
      }
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!allowed.contains(name)) {
          throw error(prefix + name, "unknown field");
        }
      }
    }

    JsonNode field(JsonNode node, String name, String path) {
      JsonNode v = node.get(name);
      if (v == null || v.isNull()) {
        throw error(path, "is required");
      }
      return v;
    }

    String text(JsonNode node, String name) {
      return text(node, name, name);
    }

    String text(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isTextual() || v.asText().isBlank()) {
        throw error(path, "must be a non-empty string");
      }
      return v.asText();
    }

    JsonNode object(JsonNode node, String name) {
      return object(node, name, name);
    }

    JsonNode object(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isObject()) {
        throw error(path, "must be an object");
      }
      return v;
    }

    JsonNode array(JsonNode node, String name, String path) {
      JsonNode v = field(node, name, path);
      if (!v.isArray()) {
        throw error(path, "must be an array");
      }
      return v;
    }

    LocalDate date(JsonNode node, String name, String path) {
      String t = text(node, name, path);
      try {
        return LocalDate.parse(t);
      } catch (DateTimeException e) {
        throw error(path, "'" + t + "' is not a date (YYYY-MM-DD)");
      }
    }

    long positiveLong(JsonNode node, String name, String path) {
      long v = nonNegativeLong(field(node, name, path), path);
      if (v == 0) {
        throw error(path, "must be at least 1");
      }
      return v;
    }

    long nonNegativeLong(JsonNode v, String path) {
      if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
        throw error(path, "must be a whole number >= 0");
      }
      return v.asLong();
    }
  }
}
