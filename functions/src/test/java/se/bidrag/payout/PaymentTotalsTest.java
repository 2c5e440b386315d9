package se.bidrag.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.bidrag.json.Json;

class PaymentTotalsTest {
  private static PaymentOrder order(String recipientId, long amount, PaymentOrder.Status status) {
    return new PaymentOrder(PaymentOrder.id(PaymentOrder.Kind.REQUISITION, recipientId), "g", recipientId, "2120000019",
        recipientId, PaymentOrder.Kind.REQUISITION, amount, "50501055", "run-1", status,
        Instant.parse("2025-04-18T04:00:00Z"));
  }

  @Test
  void ordersAddUpInAllAndPerStatusWithEveryStatusListed() {
    PaymentTotals t = PaymentTotals.of(List.of(order("a", 100, PaymentOrder.Status.FILED),
        order("b", 50, PaymentOrder.Status.FILED), order("c", 7, PaymentOrder.Status.PENDING)));
    assertEquals(new PaymentTotals.Sum(3, 157), t.all());
    assertEquals(new PaymentTotals.Sum(1, 7), t.byStatus().get(PaymentOrder.Status.PENDING));
    assertEquals(new PaymentTotals.Sum(0, 0), t.byStatus().get(PaymentOrder.Status.SENT));
    assertEquals(new PaymentTotals.Sum(2, 150), t.byStatus().get(PaymentOrder.Status.FILED));
  }

  @Test
  void theApiShowsTheOrdersThenTheTotalsPerStatusInStatusOrder() {
    var o = new Payments.Orders("g", List.of(order("a", 100, PaymentOrder.Status.SENT)),
        PaymentTotals.of(List.of(order("a", 100, PaymentOrder.Status.SENT))), List.of(), null);
    var json = PaymentJson.orders(o, null, c -> "/next?cursor=" + c);
    assertEquals("{\"orders\":1,\"amount\":100,\"awaiting-attestation\":{\"orders\":0,\"amount\":0},"
        + "\"pending\":{\"orders\":0,\"amount\":0},\"sent\":{\"orders\":1,\"amount\":100},"
        + "\"filed\":{\"orders\":0,\"amount\":0}}", Json.write(json.path("totals")));
    assertEquals(List.of("grant", "orders", "count", "totals", "withoutAccount", "next"),
        List.copyOf(iterable(json.fieldNames())));
    assertEquals("\u2022\u2022\u2022-1055", json.path("orders").get(0).path("bankgiro").asText(), "the account masked");
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
