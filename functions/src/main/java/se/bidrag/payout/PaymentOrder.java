package se.bidrag.payout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import se.bidrag.json.Json;

/**
 * One payment to one recipient: its requisitioned amount, or its redistributed share. The order id
 * is fixed by what is paid ({@code R-kommun-0114}, {@code X-kommun-0114}), so nothing can be paid twice.
 *
 * @param runId the payout run that created the order; its payment file lists it
 * @param status PENDING (recorded, not yet on the queue), SENT (on the queue), FILED (in a payment file)
 */
public record PaymentOrder(String orderId, String grantId, String recipientId, String orgnr, String name, Kind kind,
    long amount, String runId, Status status, Instant createdAt) {

  /** What is paid. */
  public enum Kind {
    REQUISITION("R"), REDISTRIBUTION("X");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Where the order is. */
  public enum Status { PENDING, SENT, FILED }

  public static String id(Kind kind, String recipientId) {
    return kind.prefix + "-" + recipientId;
  }

  public ObjectNode toJson() {
    return Json.object().put("orderId", orderId).put("grantId", grantId).put("recipientId", recipientId)
        .put("orgnr", orgnr).put("name", name).put("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
        .put("amount", amount).put("runId", runId).put("status", status.name().toLowerCase(java.util.Locale.ROOT))
        .put("createdAt", createdAt.toString());
  }

  public static PaymentOrder fromJson(JsonNode o) {
    return new PaymentOrder(o.path("orderId").asText(), o.path("grantId").asText(), o.path("recipientId").asText(),
        o.path("orgnr").asText(), o.path("name").asText(),
        Kind.valueOf(o.path("kind").asText().toUpperCase(java.util.Locale.ROOT)), o.path("amount").asLong(),
        o.path("runId").asText(), Status.valueOf(o.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
        Instant.parse(o.path("createdAt").asText()));
  }

  public PaymentOrder with(Status s) {
    return new PaymentOrder(orderId, grantId, recipientId, orgnr, name, kind, amount, runId, s, createdAt);
  }
}
