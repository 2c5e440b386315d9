package se.bidrag.reporting;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.ScheduleInput;

/**
 * The daily reporting job (EventBridge Scheduler, Europe/Stockholm): sends the rounds that are due, for
 * every grant with reporting. Input {@code {}} (every grant) or {@code {"grantId": "..."}} (one).
 */
public final class ReportingJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Primable {
  private final Platform platform;
  private final ReportingService service;
  private final GrantCatalog grants;

  public ReportingJobHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
  }

  public ReportingJobHandler(Platform platform) {
    this.platform = platform;
    this.service = Wiring.service(platform);
    this.grants = GrantCatalogs.of(platform);
  }

  /**
   * SnapStart priming: the schedule's invocation run dry (see {@link Platform#dryRun}: its reads made, its writes
   * answered in the process and never made: no round sent, no e-mail queued); and this handler's own grant catalog read.
   */
  @Override
  public void prime() {
    grants.reportingIds().forEach(grants::find);
    Primable.schedule(new ReportingJobHandler(platform.dryRun(platform.clock())), grants.reportingIds());
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    try (var log = ScheduleInput.logContext(input, context)) {
      return ScheduleInput.eachGrant(input, grants::reportingIds, this::handle);
    }
  }

  private Map<String, Object> handle(String grantId) {
    List<Map<String, Object>> rounds = new ArrayList<>();
    for (ReportingService.RoundRun r : service.runDue(grantId)) {
      Log.info("reporting round", "grant", grantId, "round", r.round(), "kind", r.kind(), "jobs", r.jobs());
      rounds.add(Map.of("round", r.round(), "kind", r.kind(), "date", r.date().toString(), "jobs", r.jobs()));
    }
    return Map.of("grantId", grantId, "rounds", rounds);
  }
}
