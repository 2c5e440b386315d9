package se.bidrag.redistribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import se.bidrag.access.Caller;
import se.bidrag.grant.Refusal;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.ScheduleInput;

/**
 * The scheduled redistribution (EventBridge Scheduler, after the deadline, Europe/Stockholm). Input:
 * {@code {"grantId": "..."}}. Safe to run again: a retried or second event finds the decision recorded.
 */
public final class RedistributionJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final RedistributionService service;

  public RedistributionJobHandler() {
    this(Platform.fromEnvironment());
  }

  public RedistributionJobHandler(Platform platform) {
    this.service = Wiring.service(platform);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    try (var log = ScheduleInput.logContext(input, context)) {
      return handle(input);
    }
  }

  private Map<String, Object> handle(Map<String, Object> input) {
    String id = ScheduleInput.grantId(input);
    try {
      var run = service.run(id, Caller.system("redistribution"));
      Log.info("redistribution", "grant", id, "outcome", run.outcome());
      return Map.of("grantId", id, "outcome", run.outcome().name());
    } catch (Refusal r) {
      // refusals (before the deadline, not published) are not fixed by retrying: report, do not fail
      Log.warn("redistribution refused", "grant", id, "reason", r.getMessage());
      return Map.of("grantId", id, "outcome", "REFUSED", "reason", r.getMessage());
    }
  }
}
