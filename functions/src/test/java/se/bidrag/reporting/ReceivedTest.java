package se.bidrag.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import se.bidrag.grant.RecipientKind;
import se.bidrag.payout.PaymentOrder;
import se.bidrag.requisition.Requisition;
import se.bidrag.requisition.RequisitionForm;
import se.bidrag.requisition.RequisitionStatus;

class ReceivedTest {
  private static final Instant AT = Instant.parse("2025-04-18T04:00:00Z");

  private static PaymentOrder order(PaymentOrder.Kind kind, String recipientId, long amount) {
    return order(kind, recipientId, amount, PaymentOrder.Status.FILED);
  }

  private static PaymentOrder order(PaymentOrder.Kind kind, String recipientId, long amount, PaymentOrder.Status status) {
    return new PaymentOrder(PaymentOrder.id(kind, recipientId), "g", recipientId, "2120000019", recipientId, kind, amount,
        "50501055", "run-1", status, AT);
  }

  private static Requisition requisition(String recipientId, String registryEmail, Integer... areas) {
    RequisitionForm form = new RequisitionForm(100, List.of("Vårdcentralen"), new TreeSet<>(List.of(areas)), true,
        new RequisitionForm.Contact("Anna", "anna@example.se"), registryEmail, "Anna");
    return new Requisition("g", recipientId, "2120000019", RecipientKind.KOMMUN, "Kommun " + recipientId, 100,
        RequisitionStatus.PAID, 2, form, Map.of("kommun-population", 100L), AT, AT, "x", AT);
  }

  @Test
  void aRecipientReceivedWhatItsPaymentOrdersAddUpTo() {
    Map<String, Received.Recipient> received = Received.of(
        List.of(order(PaymentOrder.Kind.REQUISITION, "kommun-0115", 100), order(PaymentOrder.Kind.REQUISITION, "kommun-0114", 80),
            order(PaymentOrder.Kind.REDISTRIBUTION, "kommun-0114", 7)),
        List.of(requisition("kommun-0114", "registrator@a.se", 1, 3), requisition("kommun-0115", "registrator@b.se", 2)));
    assertEquals(List.of("kommun-0114", "kommun-0115"), List.copyOf(received.keySet()), "in recipient id order");
    Received.Recipient r = received.get("kommun-0114");
    assertEquals(87, r.received(), "the requisitioned amount and the redistributed share");
    assertEquals("registrator@a.se", r.registryEmail());
    assertEquals(new TreeSet<>(List.of(1, 3)), r.areas());
    assertEquals("Kommun kommun-0114", r.name());
  }

  @Test
  void withoutARequisitionOrWithNothingPaidARecipientReceivedNothing() {
    Map<String, Received.Recipient> received = Received.of(
        List.of(order(PaymentOrder.Kind.REDISTRIBUTION, "kommun-0180", 50), order(PaymentOrder.Kind.REQUISITION, "kommun-0114", 0)),
        List.of(requisition("kommun-0114", "registrator@a.se", 1), requisition("kommun-0115", "registrator@b.se", 1)));
    assertEquals(Map.of(), received);
  }

  @Test
  void anOrderAwaitingAttestationPaysNothingYet() {
    Map<String, Received.Recipient> received = Received.of(
        List.of(order(PaymentOrder.Kind.REQUISITION, "kommun-0114", 80, PaymentOrder.Status.AWAITING_ATTESTATION),
            order(PaymentOrder.Kind.REDISTRIBUTION, "kommun-0114", 7, PaymentOrder.Status.PENDING)),
        List.of(requisition("kommun-0114", "registrator@a.se", 1)));
    assertEquals(7, received.get("kommun-0114").received(), "only the released order counts");
  }
}
