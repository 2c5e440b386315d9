package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Refusal;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.json.Json;
import se.bidrag.platform.Platform;

/** The agency's payment routes: orders with status, the payment files, and a payout run on demand. */
public final class PaymentApiHandler extends ApiHandler {
  private final PayoutService payouts;
  private final PayoutStore orders;
  private final PaymentFileStore files;

  public PaymentApiHandler() {
    this(Platform.fromEnvironment());
  }

  public PaymentApiHandler(Platform platform) {
    String table = platform.require("TABLE_NAME");
    this.payouts = Wiring.payouts(platform);
    this.orders = new DynamoPayoutStore(platform.dynamoDb(), table);
    this.files = new DynamoPaymentFileStore(platform.dynamoDb(), table);
    route("GET /grants/{grantId}/payments", this::list);
    route("POST /grants/{grantId}/payouts:run", this::run);
    route("GET /grants/{grantId}/payment-files", this::listFiles);
    route("GET /grants/{grantId}/payment-files/{runId}", this::file);
  }

  private static String grant(ApiRequest request) {
    String grantId = request.pathParameter("grantId");
    GrantCatalog.bundled().find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
    return grantId;
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    request.admin();
    String grantId = grant(request);
    ObjectNode body = Json.object().put("grant", grantId);
    ArrayNode list = body.putArray("orders");
    Map<String, long[]> byStatus = new LinkedHashMap<>();
    for (PaymentOrder.Status s : PaymentOrder.Status.values()) {
      byStatus.put(s.name().toLowerCase(java.util.Locale.ROOT), new long[2]);
    }
    long total = 0;
    for (PaymentOrder o : orders.all(grantId)) {
      list.add(o.toJson());
      long[] t = byStatus.get(o.status().name().toLowerCase(java.util.Locale.ROOT));
      t[0]++;
      t[1] += o.amount();
      total += o.amount();
    }
    ObjectNode totals = body.putObject("totals").put("orders", list.size()).put("amount", total);
    byStatus.forEach((k, v) -> totals.putObject(k).put("orders", v[0]).put("amount", v[1]));
    return ApiResponse.json(200, body);
  }

  private APIGatewayV2HTTPResponse run(ApiRequest request) {
    request.admin();
    PayoutService.Run run = payouts.run(grant(request));
    ObjectNode body = Json.object().put("runId", run.runId()).put("ordered", run.ordered())
        .put("total", run.orderedTotal()).put("resent", run.resent());
    return ApiResponse.json(200, body);
  }

  private APIGatewayV2HTTPResponse listFiles(ApiRequest request) {
    request.admin();
    String grantId = grant(request);
    ArrayNode list = Json.array();
    for (PaymentFileStore.PaymentFile f : files.files(grantId)) {
      list.addObject().put("runId", f.runId()).put("orders", f.orders()).put("total", f.total())
          .put("createdAt", f.createdAt().toString()).put("sha256", f.sha256())
          .put("href", "/grants/" + grantId + "/payment-files/" + f.runId());
    }
    ObjectNode body = Json.object().put("grant", grantId);
    body.set("files", list);
    return ApiResponse.json(200, body);
  }

  private APIGatewayV2HTTPResponse file(ApiRequest request) {
    request.admin();
    String grantId = grant(request);
    String runId = request.pathParameter("runId");
    PaymentFileStore.PaymentFile f = files.file(grantId, runId)
        .orElseThrow(() -> Refusal.notFound("runId", "no payment file for run " + runId));
    return ApiResponse.text(200, "application/xml", new String(f.xml(), StandardCharsets.UTF_8),
        Map.of("Content-Disposition", "attachment; filename=\"pain001-" + runId + ".xml\"", "X-Sha256", f.sha256()));
  }
}
