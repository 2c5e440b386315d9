package se.bidrag.allocation;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Recipient;
import se.bidrag.grant.RecipientKind;

/** The computed allocation of a grant: every recipient role's amount per pot, with the reasoning. */
public record Allocation(GrantDefinition grant, List<PotTotal> pots, List<Provenance> inputs,
    List<RecipientAllocation> allocations) {

  public Allocation {
    pots = List.copyOf(pots);
    inputs = List.copyOf(inputs);
    allocations = List.copyOf(allocations);
  }

  /** A pot and what was apportioned from it (always all of it: a pot nobody has a key in is refused). */
  public record PotTotal(String id, String title, RecipientKind recipientKind, long amount, long allocated) {}

  /**
   * One recipient role's allocation.
   *
   * @param pots pot id → amount, in the grant's pot order, for every pot of the recipient's kind
   */
  public record RecipientAllocation(Recipient recipient, Map<String, Long> pots, long total,
      List<PotExplanation> explanation) {

    public long pot(String potId) {
      return pots.getOrDefault(potId, 0L);
    }
  }

  /** One apportioned pot, and how to work out its explanation details for one of its recipients (by position). */
  public interface PotExplanationSource {
    GrantDefinition.Pot pot();

    Apportionment.Result result();

    List<ComponentValue> components(int index);

    List<BreakdownLine> breakdown(int index);
  }

  /**
   * Why a recipient got what it got from one pot: its key value over the pot's key denominator is
   * its exact share; the amount is the apportioned whole kronor. The key components and the
   * municipality breakdown are worked out from the pot's figures when read.
   */
  public static final class PotExplanation {
    private final PotExplanationSource source;
    private final int index;

    public PotExplanation(PotExplanationSource source, int index) {
      this.source = source;
      this.index = index;
    }

    public String potId() {
      return source.pot().id();
    }

    public long potAmount() {
      return source.pot().amount();
    }

    public Apportionment.Share share() {
      return source.result().share(index);
    }

    public BigInteger keyValue() {
      return share().weight();
    }

    public BigInteger denominator() {
      return source.result().totalWeight();
    }

    public long amount() {
      return source.result().amount(index);
    }

    public List<ComponentValue> components() {
      return source.components(index);
    }

    /** For pots with a municipality breakdown: how the region's amount is made up; else empty. */
    public List<BreakdownLine> breakdown() {
      return source.breakdown(index);
    }

    @Override
    public String toString() {
      return potId() + ": " + share();
    }
  }

  /**
   * One component of the key for this recipient: its (weighted) measure and the national total.
   *
   * @param classWeight for a kommun with a weighted component: its class and weight; else null
   */
  public record ComponentValue(String measure, String weightedBy, long portion, long value, long total,
      String recipientClass, Long classWeight) {}

  /** How a region's amount is made up of its municipalities (for pots with a municipality breakdown). */
  public record BreakdownLine(String code, String name, String recipientClass, long classWeight, long measureValue,
      BigInteger keyValue, long amount) {}

  public Optional<RecipientAllocation> forRecipient(String recipientId) {
    return allocations.stream().filter(a -> a.recipient().id().equals(recipientId)).findFirst();
  }

  public long total() {
    return allocations.stream().mapToLong(RecipientAllocation::total).sum();
  }

  /** The inputs that are illustrative stand-ins, not official figures (none for a publishable production allocation). */
  public List<Provenance> illustrativeInputs() {
    return inputs.stream().filter(Provenance::illustrative).toList();
  }

  /** The dataset ids of {@link #illustrativeInputs()}. */
  public List<String> illustrativeDatasets() {
    return illustrativeInputs().stream().map(Provenance::dataset).toList();
  }
}
