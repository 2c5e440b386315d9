package se.bidrag.redistribution;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.allocation.Allocation;
import se.bidrag.allocation.Apportionment;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStatus;

/**
 * Redistribution of unclaimed money after the deadline (design decision, documented in README):
 *
 * <ul>
 *   <li>Per pot, unclaimed = the pot minus what was requisitioned from it: recipients without a
 *       (standing) requisition claimed nothing; a requisition claims its amount as split over the
 *       recipient's pots in proportion to its allocation per pot.
 *   <li>The unclaimed sum is shared within the same pot among the recipients that requisitioned and
 *       answered yes to {@code wantsRemainingFunds}, by re-running the pot's key over them alone:
 *       each gets {@code unclaimed × k / Σk} over the opted-in key values, largest remainder, ties by
 *       recipient id, exact to the krona.
 *   <li>If nobody in a pot opted in (or their keys are all zero), the money stays unallocated.
 * </ul>
 *
 * The result depends only on the published allocation and the requisitions, which no longer change
 * after the deadline: computing it again gives the same decision.
 */
public final class Redistribution {
  private Redistribution() {}

  /** One pot's outcome. */
  public record PotOutcome(String potId, long amount, long requisitioned, long unclaimed, int optedIn,
      BigInteger optedInKeys, long redistributed, long unallocated) {}

  /** What one recipient gets extra from one pot, and why. */
  public record Extra(String potId, BigInteger keyValue, BigInteger denominator, String share, String exactAmount,
      boolean roundedUp, long amount) {}

  /** One recipient's extra amounts (only recipients who opted in appear). */
  public record RecipientShare(String recipientId, String orgnr, String name, String kind, List<Extra> extras,
      long total) {}

  /** The decision. */
  public record Decision(String grantId, List<PotOutcome> pots, List<RecipientShare> shares) {
    public long redistributed() {
      return pots.stream().mapToLong(PotOutcome::redistributed).sum();
    }

    public long unallocated() {
      return pots.stream().mapToLong(PotOutcome::unallocated).sum();
    }
  }

  public static Decision decide(GrantDefinition grant, Allocation allocation, List<Requisition> requisitions) {
    Map<String, Requisition> byRecipient = new LinkedHashMap<>();
    for (Requisition r : requisitions) {
      if (r.status() != RequisitionStatus.WITHDRAWN) {
        byRecipient.put(r.recipientId(), r);
      }
    }
    List<PotOutcome> pots = new ArrayList<>();
    Map<String, List<Extra>> extras = new LinkedHashMap<>();
    for (GrantDefinition.Pot pot : grant.pots()) {
      long requisitioned = 0;
      List<String> ids = new ArrayList<>();
      List<BigInteger> keys = new ArrayList<>();
      for (Allocation.RecipientAllocation a : allocation.allocations()) {
        if (a.recipient().kind() != pot.recipientKind()) {
          continue;
        }
        Requisition r = byRecipient.get(a.recipient().id());
        if (r == null) {
          continue;
        }
        requisitioned += r.pots().getOrDefault(pot.id(), 0L);
        if (r.form().wantsRemainingFunds()) {
          ids.add(a.recipient().id());
          keys.add(a.explanation().stream().filter(e -> e.potId().equals(pot.id())).findFirst().orElseThrow().keyValue());
        }
      }
      long unclaimed = pot.amount() - requisitioned;
      if (unclaimed < 0) {
        throw new IllegalStateException("pot " + pot.id() + " is requisitioned beyond its amount: " + requisitioned);
      }
      Apportionment.Result result = Apportionment.apportion(unclaimed, ids.toArray(String[]::new),
          keys.toArray(BigInteger[]::new));
      for (int i = 0; i < ids.size(); i++) {
        Apportionment.Share s = result.share(i);
        extras.computeIfAbsent(ids.get(i), k -> new ArrayList<>()).add(new Extra(pot.id(), s.weight(),
            s.denominator(), s.exactShare(), s.exactQuota(), s.roundedUp(), s.amount()));
      }
      pots.add(new PotOutcome(pot.id(), pot.amount(), requisitioned, unclaimed, ids.size(), result.totalWeight(),
          result.allocated(), result.unallocated()));
    }
    List<RecipientShare> shares = new ArrayList<>();
    for (Allocation.RecipientAllocation a : allocation.allocations()) {
      List<Extra> e = extras.get(a.recipient().id());
      if (e != null) {
        shares.add(new RecipientShare(a.recipient().id(), a.recipient().orgnr(), a.recipient().name(),
            a.recipient().kind().code(), e, e.stream().mapToLong(Extra::amount).sum()));
      }
    }
    return new Decision(grant.id(), pots, shares);
  }
}
