package se.bidrag.payout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import se.bidrag.json.Json;

/** Payments as the API shows them: the orders with their totals, a payout run, the payment files. */
public final class PaymentJson {
  private PaymentJson() {}

  public static ObjectNode orders(Payments.Orders o) {
    ObjectNode body = Json.object().put("grant", o.grantId());
    ArrayNode list = body.putArray("orders");
    o.orders().forEach(order -> list.add(order.toJson()));
    PaymentTotals t = o.totals();
    ObjectNode totals = body.putObject("totals").put("orders", t.all().orders()).put("amount", t.all().amount());
    t.byStatus().forEach((status, sum) -> totals.putObject(status.name().toLowerCase(Locale.ROOT))
        .put("orders", sum.orders()).put("amount", sum.amount()));
    return body;
  }

  public static ObjectNode run(PayoutService.Run run) {
    return Json.object().put("runId", run.runId()).put("ordered", run.ordered()).put("total", run.orderedTotal())
        .put("resent", run.resent());
  }

  public static ObjectNode files(String grantId, List<PaymentFileStore.PaymentFile> files) {
    ArrayNode list = Json.array();
    for (PaymentFileStore.PaymentFile f : files) {
      list.addObject().put("runId", f.runId()).put("orders", f.orders()).put("total", f.total())
          .put("createdAt", f.createdAt().toString()).put("sha256", f.sha256())
          .put("href", "/grants/" + grantId + "/payment-files/" + f.runId());
    }
    ObjectNode body = Json.object().put("grant", grantId);
    body.set("files", list);
    return body;
  }
}
