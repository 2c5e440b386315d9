package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.ScheduleInput;

/** The daily payout (EventBridge Scheduler, Europe/Stockholm). Input: {@code {"grantId": "..."}}. */
public final class PayoutJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final PayoutService service;

  public PayoutJobHandler() {
    this(Platform.fromEnvironment());
  }

  public PayoutJobHandler(Platform platform) {
    this.service = Wiring.payouts(platform);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    String grantId = ScheduleInput.grantId(input);
    PayoutService.Run run = service.run(grantId);
    Log.info("payout", "grant", grantId, "runId", run.runId(), "ordered", run.ordered(), "total", run.orderedTotal(),
        "resent", run.resent());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("grantId", grantId);
    out.put("runId", run.runId());
    out.put("ordered", run.ordered());
    out.put("total", run.orderedTotal());
    out.put("resent", run.resent());
    return out;
  }
}
