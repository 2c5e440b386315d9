package se.bidrag.redistribution;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import se.bidrag.access.Access;
import se.bidrag.access.Callers;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.platform.Platform;

/** The agency's redistribution routes: preview (writes nothing), run now (as the schedule does), read the decision. */
public final class RedistributionApiHandler extends ApiHandler {
  private final RedistributionService service;

  public RedistributionApiHandler() {
    this(Platform.fromEnvironment());
  }

  public RedistributionApiHandler(Platform platform) {
    this.service = Wiring.service(platform);
    route("POST /grants/{grantId}/redistribution:preview", this::preview);
    route("POST /grants/{grantId}/redistribution:run", this::run);
    route("GET /grants/{grantId}/redistribution", this::get);
  }

  private APIGatewayV2HTTPResponse preview(ApiRequest request) {
    Access.requireHandlaggare(Callers.of(request), "previewing the redistribution");
    return ApiResponse.json(200, RedistributionJson.preview(service.preview(request.pathParameter("grantId"))));
  }

  private APIGatewayV2HTTPResponse run(ApiRequest request) {
    var run = service.run(request.pathParameter("grantId"), Access.requireHandlaggare(Callers.of(request),
        "running the redistribution"));
    return ApiResponse.rawJson(run.outcome() == RedistributionStore.Outcome.RECORDED ? 201 : 200, run.decisionJson(),
        Map.of("Location", "/grants/" + request.pathParameter("grantId") + "/redistribution"));
  }

  private APIGatewayV2HTTPResponse get(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    return ApiResponse.json(200, RedistributionJson.recorded(service.decided(request.pathParameter("grantId"))));
  }
}
