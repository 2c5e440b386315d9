package se.bidrag.redistribution;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import se.bidrag.access.Caller;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.grant.Refusal;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.ScheduleInput;

/**
 * The daily redistribution run (EventBridge Scheduler, Europe/Stockholm): every grant whose requisition
 * deadline has passed is redistributed on the first run after it; a grant before its deadline is not due.
 * Input {@code {}} (every grant) or {@code {"grantId": "..."}} (one). Safe to run again: a retried or
 * later run finds the decision recorded.
 */
public final class RedistributionJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Primable {
  private final Platform platform;
  private final RedistributionService service;
  private final GrantCatalog grants;

  public RedistributionJobHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
  }

  public RedistributionJobHandler(Platform platform) {
    this.platform = platform;
    this.service = Wiring.service(platform);
    this.grants = GrantCatalogs.of(platform);
  }

  /**
   * SnapStart priming: the schedule's invocation run dry (see {@link Platform#dryRun}: its reads made, its writes
   * answered in the process and never made), today and
   * on the day after each grant's requisition deadline, when the decision is computed (the published allocation
   * recomputed, the shares, the notices' JSON); and this handler's own grant catalog read.
   */
  @Override
  public void prime() {
    List<String> ids = grants.scheduledIds();
    ids.forEach(grants::find);
    Primable.schedule(new RedistributionJobHandler(platform.dryRun(platform.clock())), ids);
    for (String id : ids) {
      grants.find(id).ifPresent(g -> Primable.schedule(new RedistributionJobHandler(platform.dryRun(
          Clock.fixed(g.requisitionClosesAt().plus(Duration.ofDays(1)), ZoneOffset.UTC))), List.of(id)));
    }
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    try (var log = ScheduleInput.logContext(input, context)) {
      return ScheduleInput.eachGrant(input, grants::scheduledIds, this::handle);
    }
  }

  private Map<String, Object> handle(String id) {
    try {
      var run = service.run(id, Caller.system("redistribution"));
      Log.info("redistribution", "grant", id, "outcome", run.outcome());
      return Map.of("grantId", id, "outcome", run.outcome().name());
    } catch (Refusal r) {
      // refusals (before the deadline, not published) are not fixed by retrying: report, do not fail
      if (r.code().equals("before-deadline")) {
        Log.info("redistribution not due", "grant", id);
        return Map.of("grantId", id, "outcome", "NOT_DUE");
      }
      Log.warn("redistribution refused", "grant", id, "reason", r.getMessage());
      return Map.of("grantId", id, "outcome", "REFUSED", "reason", r.getMessage());
    }
  }
}
