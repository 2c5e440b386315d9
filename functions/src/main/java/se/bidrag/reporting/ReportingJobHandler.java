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
import se.bidrag.platform.ScheduleInput;

/**
 * The daily reporting job (EventBridge Scheduler, Europe/Stockholm): sends the rounds that are due, for
 * every grant with reporting. Input {@code {}} (every grant) or {@code {"grantId": "..."}} (one).
 */
public final class ReportingJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final ReportingService service;
  private final GrantCatalog grants;

  public ReportingJobHandler() {
    this(Platform.fromEnvironment());
  }

  public ReportingJobHandler(Platform platform) {
    this.service = Wiring.service(platform);
    this.grants = GrantCatalogs.of(platform);
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
