package se.bidrag.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.platform.Priming;
import se.bidrag.platform.ScheduleInput;

/**
 * The daily invoicing run (EventBridge Scheduler, Europe/Stockholm): reports still awaiting an
 * invoice, e-mails not yet queued, and after the reporting deadline the list of recipients that
 * never reported, for every grant with reporting. A run with failures fails (Lambda retries, then its
 * on-failure queue alarms). Input {@code {}} (every grant) or {@code {"grantId": "..."}} (one).
 */
public final class InvoicingJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>>, Primable {
  private final Platform platform;
  private final InvoicingService service;
  private final GrantCatalog grants;

  public InvoicingJobHandler() {
    this(Platform.fromEnvironment());
    Priming.register("first invocation, dry", this::prime);
    Wiring.registerPriming();
  }

  public InvoicingJobHandler(Platform platform) {
    this.platform = platform;
    this.service = Wiring.service(platform);
    this.grants = GrantCatalogs.of(platform);
  }

  /**
   * SnapStart priming: the schedule's invocation run dry (see {@link Platform#dryRun}: its reads made, its writes
   * answered in the process and never made: no invoice, no e-mail queued); and this handler's own grant catalog read.
   */
  @Override
  public void prime() {
    grants.reportingIds().forEach(grants::find);
    Primable.schedule(new InvoicingJobHandler(platform.dryRun(platform.clock())), grants.reportingIds());
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    try (var log = ScheduleInput.logContext(input, context)) {
      return ScheduleInput.eachGrant(input, grants::reportingIds, this::handle);
    }
  }

  private Map<String, Object> handle(String grantId) {
    InvoicingService.DailyRun run = service.runDaily(grantId);
    Log.info("invoicing run", "grant", grantId, "reportsInvoiced", run.reportsInvoiced(), "mailsQueued",
        run.mailsQueued(), "nonReporters", run.nonReporters(), "failures", run.failures());
    if (run.failures() > 0) {
      throw new IllegalStateException(run.failures() + " reports could not be invoiced; see the log");
    }
    return Map.of("grantId", grantId, "reportsInvoiced", run.reportsInvoiced(), "mailsQueued", run.mailsQueued(),
        "nonReporters", run.nonReporters());
  }
}
