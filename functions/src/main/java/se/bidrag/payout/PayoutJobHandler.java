package se.bidrag.payout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import se.bidrag.access.Caller;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.ScheduleInput;

/**
 * The daily payout (EventBridge Scheduler, Europe/Stockholm): prepares a batch that awaits an
 * attestant (the run is its proposer, which no person is), for every grant with something to pay.
 * Input {@code {}} (every grant) or {@code {"grantId": "..."}} (one).
 */
public final class PayoutJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Primable {
  private static final Caller DAILY_RUN = Caller.system("payout");
  private final Platform platform;
  private final PayoutService service;
  private final GrantCatalog grants;

  public PayoutJobHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
  }

  public PayoutJobHandler(Platform platform) {
    this.platform = platform;
    this.service = Wiring.payouts(platform);
    this.grants = GrantCatalogs.of(platform);
  }

  /**
   * SnapStart priming: the schedule's invocation run dry (see {@link Platform#dryRun}: it reads what is due; its writes
   * are answered in the process and never made:
   * no batch proposed, no order queued); and this handler's own grant catalog read.
   */
  @Override
  public void prime() {
    grants.scheduledIds().forEach(grants::find);
    Primable.schedule(new PayoutJobHandler(platform.dryRun(platform.clock())), grants.scheduledIds());
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    try (var log = ScheduleInput.logContext(input, context)) {
      return ScheduleInput.eachGrant(input, grants::scheduledIds, this::handle);
    }
  }

  private Map<String, Object> handle(String grantId) {
    PayoutService.Run run = service.run(grantId, DAILY_RUN);
    Log.info("payout batch proposed", "grant", grantId, "batchId", run.runId(), "ordered", run.ordered(), "total",
        run.orderedTotal(), "skipped", run.skipped(), "resent", run.resent(), "returned", run.returned());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("grantId", grantId);
    out.put("runId", run.runId());
    out.put("ordered", run.ordered());
    out.put("total", run.orderedTotal());
    out.put("skipped", run.skipped());
    out.put("resent", run.resent());
    out.put("returned", run.returned());
    return out;
  }
}
