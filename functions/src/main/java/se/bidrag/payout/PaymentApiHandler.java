package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.http.JsonBody;
import se.bidrag.http.Problem;
import se.bidrag.platform.Platform;

/**
 * The agency's payment routes: orders with status, the batches and their attestation (a handläggare
 * proposes by running a payout; an attestant who did not propose approves or rejects), the payment
 * files.
 */
public final class PaymentApiHandler extends ApiHandler {
  private final Payments payments;

  public PaymentApiHandler() {
    this(Platform.fromEnvironment());
  }

  public PaymentApiHandler(Platform platform) {
    this.payments = Wiring.payments(platform);
    route("GET /grants/{grantId}/payments", this::list);
    route("POST /grants/{grantId}/payouts:run", this::run);
    route("GET /grants/{grantId}/payout-batches", this::batches);
    route("GET /grants/{grantId}/payout-batches/{batchId}", this::batch);
    route("POST /grants/{grantId}/payout-batches/{batchId}/approve", this::approve);
    route("POST /grants/{grantId}/payout-batches/{batchId}/reject", this::reject);
    route("GET /grants/{grantId}/payment-files", this::listFiles);
    route("GET /grants/{grantId}/payment-files/{runId}", this::file);
  }

  /**
   * {@code ?limit=} (1–1000, default 200), {@code ?cursor=} (the previous page's {@code next}); the first page
   * carries the totals of all the orders and the recipients without an approved account.
   */
  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    int limit = limit(request);
    String after = request.query("cursor").map(PaymentApiHandler::position).orElse(null);
    Payments.Orders page = payments.orders(grantId, after, limit);
    String cursor = page.next() == null ? null
        : Base64.getUrlEncoder().withoutPadding().encodeToString(page.next().getBytes(StandardCharsets.UTF_8));
    String limitParam = request.query("limit").map(v -> "limit=" + limit + "&").orElse("");
    return ApiResponse.json(200, PaymentJson.orders(page, cursor,
        c -> "/grants/" + grantId + "/payments?" + limitParam + "cursor=" + c));
  }

  private static int limit(ApiRequest request) {
    return request.query("limit").map(v -> {
      if (v.matches("[1-9][0-9]{0,3}") && Integer.parseInt(v) <= Payments.MAX_LIMIT) {
        return Integer.valueOf(v);
      }
      throw Problem.badRequest("limit", "must be a whole number from 1 to " + Payments.MAX_LIMIT);
    }).orElse(Payments.DEFAULT_LIMIT);
  }

  /** The order id a cursor of this route names (an order id is a kind letter, a dash and a recipient id). */
  private static String position(String cursor) {
    try {
      String p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (p.matches("[A-Z]-[A-Za-z0-9._-]{1,200}")) {
        return p;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw Problem.badRequest("cursor", "is not a cursor this route handed out");
  }

  private APIGatewayV2HTTPResponse run(ApiRequest request) {
    Caller proposer = Access.requireHandlaggare(Callers.of(request), "a payout batch");
    return ApiResponse.json(200, PaymentJson.run(payments.run(request.pathParameter("grantId"), proposer)));
  }

  private APIGatewayV2HTTPResponse batches(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = payments.grant(request.pathParameter("grantId"));
    return ApiResponse.json(200, PaymentJson.batches(grantId, payments.batches(grantId)));
  }

  private APIGatewayV2HTTPResponse batch(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    return ApiResponse.json(200, PaymentJson.batch(payments.batch(request.pathParameter("grantId"),
        request.pathParameter("batchId"))));
  }

  private APIGatewayV2HTTPResponse approve(ApiRequest request) {
    Caller attestant = Access.requireAttestant(Callers.of(request));
    return ApiResponse.json(200, PaymentJson.decided(payments.approve(request.pathParameter("grantId"),
        request.pathParameter("batchId"), attestant)));
  }

  private APIGatewayV2HTTPResponse reject(ApiRequest request) {
    Caller attestant = Access.requireAttestant(Callers.of(request));
    String grantId = request.pathParameter("grantId");
    String batchId = request.pathParameter("batchId");
    JsonBody body = new JsonBody(request.jsonBody(), Set.of("reason"));
    String reason = body.text("reason", 500);
    body.check();
    return ApiResponse.json(200, PaymentJson.decided(payments.reject(grantId, batchId, attestant, reason)));
  }

  private APIGatewayV2HTTPResponse listFiles(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = payments.grant(request.pathParameter("grantId"));
    return ApiResponse.json(200, PaymentJson.files(grantId, payments.files(grantId)));
  }

  private APIGatewayV2HTTPResponse file(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    String grantId = payments.grant(request.pathParameter("grantId"));
    String runId = request.pathParameter("runId");
    Integer part = part(request);
    PaymentFileStore.PaymentFile f = payments.file(grantId, runId, part);
    if (part == null && f.parts() > 1) { // a caller that knows of one file only must not take a part for the whole
      throw Problem.badRequest("part", "run " + runId + " is paid in " + f.parts() + " payment files: choose one with "
          + "?part=1 to ?part=" + f.parts());
    }
    // gzipped for a caller that accepts it (Compression); a file too large for one plain answer is 406 then
    return ApiResponse.text(200, "application/xml", new String(f.xml(), StandardCharsets.UTF_8),
        Map.of("Content-Disposition", "attachment; filename=\"" + f.fileName() + "\"", "X-Sha256", f.sha256()));
  }

  /** {@code ?part=}: 1 to 9999, or none. */
  private static Integer part(ApiRequest request) {
    return request.query("part").map(v -> {
      if (v.matches("[1-9][0-9]{0,3}")) {
        return Integer.valueOf(v);
      }
      throw Problem.badRequest("part", "must be a whole number from 1 to 9999");
    }).orElse(null);
  }
}
