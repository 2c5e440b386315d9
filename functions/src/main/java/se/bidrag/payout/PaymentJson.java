package se.bidrag.payout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.bidrag.json.Json;

/** Payments as the API shows them: the orders with their totals, a payout run, the batches, the payment files. */
public final class PaymentJson {
  private PaymentJson() {}

  /** The order as the API shows it: the creditor account masked. */
  static ObjectNode order(PaymentOrder o) {
    ObjectNode j = o.toJson();
    j.put("bankgiro", masked(o.bankgiro()));
    return j;
  }

  static String masked(String bankgiro) {
    return bankgiro == null || bankgiro.length() < 4 ? null : "\u2022\u2022\u2022-" + bankgiro.substring(bankgiro.length() - 4);
  }

  /** A page of orders; {@code cursor} the next page's (null on the last), {@code nextHref} its link. */
  public static ObjectNode orders(Payments.Orders o, String cursor, java.util.function.Function<String, String> nextHref) {
    ObjectNode body = Json.object().put("grant", o.grantId());
    ArrayNode list = body.putArray("orders");
    o.orders().forEach(order -> list.add(order(order)));
    body.put("count", o.orders().size());
    PaymentTotals t = o.totals();
    if (t != null) {
      ObjectNode totals = body.putObject("totals").put("orders", t.all().orders()).put("amount", t.all().amount());
      t.byStatus().forEach((status, sum) -> totals.putObject(status.code())
          .put("orders", sum.orders()).put("amount", sum.amount()));
    }
    if (o.withoutAccount() != null) {
      body.set("withoutAccount", skipped(o.withoutAccount()));
    }
    if (cursor != null) {
      body.put("next", cursor);
      body.putObject("links").put("next", nextHref.apply(cursor));
    } else {
      body.putNull("next");
    }
    return body;
  }

  static ArrayNode skipped(List<PayoutBatch.Skipped> skipped) {
    ArrayNode a = Json.array();
    skipped.forEach(s -> a.addObject().put("recipientId", s.recipientId()).put("orgnr", s.orgnr())
        .put("orderId", s.orderId()).put("amount", s.amount()).put("status", "no-approved-payout-account"));
    return a;
  }

  public static ObjectNode run(PayoutService.Run run) {
    ObjectNode o = Json.object().put("runId", run.runId()).put("ordered", run.ordered()).put("total", run.orderedTotal())
        .put("resent", run.resent()).put("skipped", run.skipped()).put("returned", run.returned());
    if (run.runId() != null) {
      o.put("state", "awaiting-attestation");
    }
    return o;
  }

  static ObjectNode batch(PayoutBatch b) {
    ObjectNode o = Json.object().put("batchId", b.batchId()).put("state", b.state().code()).put("proposedBy", b.proposer())
        .put("openedAt", b.openedAt().toString()).put("orders", b.orders()).put("total", b.total());
    if (b.proposedAt() != null) {
      o.put("proposedAt", b.proposedAt().toString());
    }
    if (b.approval() != null) {
      o.putObject("approval").put("approvalId", b.approval().approvalId()).put("by", b.approval().approver())
          .put("at", b.approval().at().toString());
    }
    if (b.rejection() != null) {
      o.putObject("rejection").put("by", b.rejection().rejecter()).put("at", b.rejection().at().toString())
          .put("reason", b.rejection().reason());
    }
    o.set("skipped", skipped(b.skipped()));
    ObjectNode links = o.putObject("links").put("self", b.href());
    if (b.state() == PayoutBatch.State.AWAITING_ATTESTATION) {
      links.put("approve", b.href() + "/approve").put("reject", b.href() + "/reject");
    }
    if (b.state() == PayoutBatch.State.FILED) {
      links.put("paymentFile", "/grants/" + b.grantId() + "/payment-files/" + b.batchId());
    }
    return o;
  }

  static ObjectNode batches(String grantId, List<PayoutBatch> batches) {
    ObjectNode body = Json.object().put("grant", grantId);
    ArrayNode list = body.putArray("batches");
    batches.forEach(b -> list.add(batch(b)));
    return body;
  }

  static ObjectNode batch(Payments.Batch b) {
    ObjectNode o = batch(b.batch());
    ArrayNode list = o.putArray("paymentOrders");
    b.orders().forEach(x -> list.add(order(x)));
    return o;
  }

  static ObjectNode decided(PayoutService.Decided d) {
    return batch(d.batch()).put("decidedNow", d.decided());
  }

  public static ObjectNode files(String grantId, List<PaymentFileStore.PaymentFile> files) {
    ArrayNode list = Json.array();
    for (PaymentFileStore.PaymentFile f : files) {
      list.addObject().put("runId", f.runId()).put("part", f.part()).put("parts", f.parts())
          .put("messageId", f.messageId()).put("orders", f.orders()).put("total", f.total())
          .put("createdAt", f.createdAt().toString()).put("sha256", f.sha256())
          .put("href", "/grants/" + grantId + "/payment-files/" + f.runId() + (f.parts() > 1 ? "?part=" + f.part() : ""));
    }
    ObjectNode body = Json.object().put("grant", grantId);
    body.set("files", list);
    return body;
  }
}
