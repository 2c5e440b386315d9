package se.bidrag.payout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import se.bidrag.json.Json;

/**
 * One payment to one recipient: its requisitioned amount, or its redistributed share. The order id
 * is fixed by what is paid ({@code R-kommun-0114}, {@code X-kommun-0114}), so nothing can be paid twice.
 *
 * @param bankgiro the creditor account: the organisation's approved bankgiro when the order was proposed (digits)
 * @param runId the payout batch that holds the order; its payment file lists it once the batch is approved
 * @param status AWAITING_ATTESTATION (in a batch an attestant has not approved), PENDING (approved, not yet on
 *     the queue), SENT (on the queue), FILED (in a payment file)
 */
public record PaymentOrder(String orderId, String grantId, String recipientId, String orgnr, String name, Kind kind,
    long amount, String bankgiro, String runId, Status status, Instant createdAt) {

  /** What is paid. */
  public enum Kind {
    REQUISITION("R"), REDISTRIBUTION("X");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  /** Where the order is. */
  public enum Status {
    AWAITING_ATTESTATION, PENDING, SENT, FILED;

    /** As the API shows it: {@code awaiting-attestation}, {@code pending}, {@code sent}, {@code filed}. */
    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Status parse(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Released by an attestant's approval: the money is paid (or on its way to the bank). */
    public boolean released() {
      return this != AWAITING_ATTESTATION;
    }
  }

  public static String id(Kind kind, String recipientId) {
    return kind.prefix + "-" + recipientId;
  }

  public ObjectNode toJson() {
    return Json.object().put("orderId", orderId).put("grantId", grantId).put("recipientId", recipientId)
        .put("orgnr", orgnr).put("name", name).put("kind", kind.name().toLowerCase(Locale.ROOT))
        .put("amount", amount).put("bankgiro", bankgiro).put("runId", runId).put("status", status.code())
        .put("createdAt", createdAt.toString());
  }

  public static PaymentOrder fromJson(JsonNode o) {
    return new PaymentOrder(o.path("orderId").asText(), o.path("grantId").asText(), o.path("recipientId").asText(),
        o.path("orgnr").asText(), o.path("name").asText(), Kind.valueOf(o.path("kind").asText().toUpperCase(Locale.ROOT)),
        o.path("amount").asLong(), o.path("bankgiro").asText(), o.path("runId").asText(),
        Status.parse(o.path("status").asText()), Instant.parse(o.path("createdAt").asText()));
  }

  public PaymentOrder with(Status s) {
    return new PaymentOrder(orderId, grantId, recipientId, orgnr, name, kind, amount, bankgiro, runId, s, createdAt);
  }
}
