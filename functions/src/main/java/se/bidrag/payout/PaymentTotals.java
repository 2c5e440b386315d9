package se.bidrag.payout;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a grant's payment orders add up to: in all, and per status (every status listed, zero when
 * no order has it).
 */
public record PaymentTotals(Sum all, Map<PaymentOrder.Status, Sum> byStatus) {

  /** A number of orders and the kronor they pay. */
  public record Sum(long orders, long amount) {
    Sum plus(PaymentOrder o) {
      return new Sum(orders + 1, amount + o.amount());
    }
  }

  public PaymentTotals {
    byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
  }

  public static PaymentTotals of(List<PaymentOrder> orders) {
    Sum all = new Sum(0, 0);
    Map<PaymentOrder.Status, Sum> byStatus = new EnumMap<>(PaymentOrder.Status.class);
    for (PaymentOrder.Status s : PaymentOrder.Status.values()) {
      byStatus.put(s, new Sum(0, 0));
    }
    for (PaymentOrder o : orders) {
      all = all.plus(o);
      byStatus.put(o.status(), byStatus.get(o.status()).plus(o));
    }
    return new PaymentTotals(all, byStatus);
  }
}
