package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.platform.Platform;

/** The agency's payment routes: orders with status, the payment files, and a payout run on demand. */
public final class PaymentApiHandler extends ApiHandler {
  private final Payments payments;

  public PaymentApiHandler() {
    this(Platform.fromEnvironment());
  }

  public PaymentApiHandler(Platform platform) {
    this.payments = Wiring.payments(platform);
    route("GET /grants/{grantId}/payments", this::list);
    route("POST /grants/{grantId}/payouts:run", this::run);
    route("GET /grants/{grantId}/payment-files", this::listFiles);
    route("GET /grants/{grantId}/payment-files/{runId}", this::file);
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    return ApiResponse.json(200, PaymentJson.orders(payments.orders(request.pathParameter("grantId"))));
  }

  private APIGatewayV2HTTPResponse run(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    return ApiResponse.json(200, PaymentJson.run(payments.run(request.pathParameter("grantId"))));
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
    PaymentFileStore.PaymentFile f = payments.file(grantId, runId);
    return ApiResponse.text(200, "application/xml", new String(f.xml(), StandardCharsets.UTF_8),
        Map.of("Content-Disposition", "attachment; filename=\"pain001-" + runId + ".xml\"", "X-Sha256", f.sha256()));
  }
}
