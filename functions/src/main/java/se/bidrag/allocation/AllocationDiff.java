package se.bidrag.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.RecipientKind;

/**
 * A grant's allocation with the previous inputs against the current ones: per recipient and pot the two
 * amounts, per pot the totals, and for every input which file, status (official or illustrative) and digest
 * each side used. What the agency reads before it publishes.
 */
public record AllocationDiff(GrantDefinition grant, Side previous, Side current, List<InputChange> inputs,
    List<PotLine> pots, List<RecipientLine> recipients) {

  public AllocationDiff {
    inputs = List.copyOf(inputs);
    pots = List.copyOf(pots);
    recipients = List.copyOf(recipients);
  }

  /** One input as a side used it. */
  public record InputRef(String dataset, String file, String status, String vintage, String sha256) {
    public boolean illustrative() {
      return Provenance.ILLUSTRATIVE.equals(status);
    }
  }

  /** A recipient's amounts on one side. */
  public record RecipientAmounts(String recipientId, RecipientKind kind, String name, Map<String, Long> pots) {}

  /**
   * One side: what it is ({@code label}, e.g. "published 2025-02-03T09:00:00Z"), its allocation hash, its inputs
   * and every recipient's amounts.
   */
  public record Side(String label, String allocationHash, List<InputRef> inputs, List<RecipientAmounts> recipients) {
    public Side {
      inputs = List.copyOf(inputs);
      recipients = List.copyOf(recipients);
    }

    /** A computed allocation. */
    public static Side of(String label, Allocation a) {
      List<InputRef> inputs = a.inputs().stream()
          .map(p -> new InputRef(p.dataset(), p.file(), p.status(), p.vintage(), p.sha256())).toList();
      List<RecipientAmounts> recipients = a.allocations().stream().map(r -> new RecipientAmounts(r.recipient().id(),
          r.recipient().kind(), r.recipient().name(), new LinkedHashMap<>(r.pots()))).toList();
      return new Side(label, AllocationService.hash(a), inputs, recipients);
    }

    /** A published allocation as stored: the grant item's summary of inputs, and the recipients' items. */
    public static Side published(String label, AllocationStore.PublishedGrant grant,
        List<AllocationStore.StoredAllocation> stored, JsonNode summaryInputs) {
      List<InputRef> inputs = new ArrayList<>();
      summaryInputs.forEach(i -> inputs.add(new InputRef(i.path("dataset").asText(), i.path("file").asText(),
          i.path("status").asText(), i.path("vintage").asText(), i.path("sha256").asText())));
      List<RecipientAmounts> recipients = stored.stream()
          .map(s -> new RecipientAmounts(s.recipientId(), s.kind(), s.name(), s.pots())).toList();
      return new Side(label, grant.allocationHash(), inputs, recipients);
    }

    public List<String> illustrative() {
      return inputs.stream().filter(InputRef::illustrative).map(InputRef::dataset).toList();
    }
  }

  /** One dataset on both sides (null where a side did not use it). */
  public record InputChange(String dataset, InputRef previous, InputRef current) {
    public boolean changed() {
      return previous == null || current == null || !Objects.equals(previous.sha256(), current.sha256())
          || !Objects.equals(previous.status(), current.status());
    }
  }

  /** An amount before and after. */
  public record Amounts(long previous, long current) {
    public long difference() {
      return current - previous;
    }
  }

  /** A pot's total on both sides. */
  public record PotLine(String potId, RecipientKind kind, Amounts amounts) {}

  /** A recipient's amount per pot (the pots of its kind, in the grant's order) and in total, on both sides. */
  public record RecipientLine(String recipientId, RecipientKind kind, String name, Map<String, Amounts> pots,
      Amounts total) {
    public boolean changed() {
      return pots.values().stream().anyMatch(a -> a.difference() != 0);
    }
  }

  public static AllocationDiff between(GrantDefinition grant, Side previous, Side current) {
    Map<String, InputRef> before = new LinkedHashMap<>();
    previous.inputs().forEach(i -> before.put(i.dataset(), i));
    Map<String, InputRef> after = new LinkedHashMap<>();
    current.inputs().forEach(i -> after.put(i.dataset(), i));
    Set<String> datasets = new LinkedHashSet<>(after.keySet());
    datasets.addAll(before.keySet());
    List<InputChange> inputs = datasets.stream().map(d -> new InputChange(d, before.get(d), after.get(d))).toList();

    Map<String, RecipientAmounts> was = new LinkedHashMap<>();
    previous.recipients().forEach(r -> was.put(r.recipientId(), r));
    Map<String, RecipientAmounts> now = new LinkedHashMap<>();
    current.recipients().forEach(r -> now.put(r.recipientId(), r));
    Set<String> ids = new LinkedHashSet<>(now.keySet());
    ids.addAll(was.keySet());
    Map<String, long[]> potTotals = new LinkedHashMap<>();
    grant.pots().forEach(p -> potTotals.put(p.id(), new long[2]));
    List<RecipientLine> lines = new ArrayList<>();
    for (String id : ids) {
      RecipientAmounts a = was.get(id);
      RecipientAmounts b = now.get(id);
      RecipientAmounts any = b != null ? b : a;
      Map<String, Amounts> pots = new LinkedHashMap<>();
      long totalBefore = 0;
      long totalAfter = 0;
      for (GrantDefinition.Pot pot : grant.potsFor(any.kind())) {
        long x = a == null ? 0 : a.pots().getOrDefault(pot.id(), 0L);
        long y = b == null ? 0 : b.pots().getOrDefault(pot.id(), 0L);
        pots.put(pot.id(), new Amounts(x, y));
        totalBefore += x;
        totalAfter += y;
        potTotals.get(pot.id())[0] += x;
        potTotals.get(pot.id())[1] += y;
      }
      lines.add(new RecipientLine(id, any.kind(), any.name(), pots, new Amounts(totalBefore, totalAfter)));
    }
    List<PotLine> pots = grant.pots().stream().map(p -> new PotLine(p.id(), p.recipientKind(),
        new Amounts(potTotals.get(p.id())[0], potTotals.get(p.id())[1]))).toList();
    return new AllocationDiff(grant, previous, current, inputs, pots, lines);
  }

  public List<RecipientLine> changedRecipients() {
    return recipients.stream().filter(RecipientLine::changed).toList();
  }
}
