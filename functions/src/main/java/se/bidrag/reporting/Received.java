package se.bidrag.reporting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import se.bidrag.payout.PaymentOrder;
import se.bidrag.payout.PayoutStore;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionStore;

/**
 * What a recipient received from a grant: what its payment orders add up to (the requisitioned
 * amount, and any redistributed share), for a recipient with a requisition; a recipient whose orders
 * add up to nothing received nothing. The one rule for it: reporting (who reports, on what amount)
 * and invoicing (who owes, and how much can be reclaimed) both ask here.
 */
public final class Received {
  private final PayoutStore payouts;
  private final RequisitionStore requisitions;

  public Received(PayoutStore payouts, RequisitionStore requisitions) {
    this.payouts = payouts;
    this.requisitions = requisitions;
  }

  /**
   * A recipient that received money, and what reporting and invoicing need to know about it.
   *
   * @param requisitioned what its requisition's payment orders add up to
   * @param redistributed what its redistributed share's orders add up to (received = the two together)
   */
  public record Recipient(String recipientId, String name, String orgnr, long received, String registryEmail,
      SortedSet<Integer> areas, long requisitioned, long redistributed) {
    /** A recipient whose whole amount came from its requisition. */
    public Recipient(String recipientId, String name, String orgnr, long received, String registryEmail,
        SortedSet<Integer> areas) {
      this(recipientId, name, orgnr, received, registryEmail, areas, received, 0);
    }
  }

  /** Every recipient that received money from the grant, by recipient id, in id order (a map the caller may change). */
  public Map<String, Recipient> byRecipient(String grantId) {
    return of(payouts.all(grantId), requisitions.all(grantId));
  }

  /**
   * The recipient, if it received money from the grant: the same rule over its own orders and requisition only
   * (read by their keys, so a report form or an invoice costs the same in a grant of 300 or of 10 000 recipients).
   */
  public Optional<Recipient> recipient(String grantId, String recipientId) {
    List<Requisition> own = requisitions.find(grantId, recipientId).map(List::of).orElse(List.of());
    if (own.isEmpty()) {
      return Optional.empty(); // without a requisition nothing was received (the rule leaves it out)
    }
    return Optional.ofNullable(of(payouts.ofRecipient(grantId, recipientId), own).get(recipientId));
  }

  /** What the recipient received from the grant; 0 when nothing. */
  public long amount(String grantId, String recipientId) {
    return recipient(grantId, recipientId).map(Recipient::received).orElse(0L);
  }

  /**
   * The rule: per recipient, the sum of its payment orders, with the name, organisation number,
   * registry mailbox and areas of its requisition; recipients without a requisition, or whose orders
   * add up to nothing, are left out.
   */
  public static Map<String, Recipient> of(List<PaymentOrder> orders, List<Requisition> requisitions) {
    Map<String, Long> received = new TreeMap<>();
    Map<String, Long> redistributed = new TreeMap<>();
    for (PaymentOrder o : orders) {
      if (!o.status().released()) {
        continue; // an order awaiting attestation pays nothing yet
      }
      received.merge(o.recipientId(), o.amount(), Long::sum);
      if (o.kind() == PaymentOrder.Kind.REDISTRIBUTION) {
        redistributed.merge(o.recipientId(), o.amount(), Long::sum);
      }
    }
    Map<String, Requisition> byRecipient = new LinkedHashMap<>();
    requisitions.forEach(r -> byRecipient.put(r.recipientId(), r));
    Map<String, Recipient> out = new LinkedHashMap<>();
    received.forEach((id, amount) -> {
      Requisition r = byRecipient.get(id);
      if (r != null && amount > 0) {
        long extra = redistributed.getOrDefault(id, 0L);
        out.put(id, new Recipient(id, r.name(), r.orgnr(), amount, r.form().registryEmail(), r.form().areas(),
            amount - extra, extra));
      }
    });
    return out;
  }
}
