package se.bidrag.invoicing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import se.bidrag.platform.Log;
import se.bidrag.platform.Platform;
import se.bidrag.platform.ScheduleInput;

/**
 * The daily invoicing run (EventBridge Scheduler, Europe/Stockholm): reports still awaiting an
 * invoice, e-mails not yet queued, and after the reporting deadline the list of recipients that
 * never reported. A run with failures fails (the schedule retries, then its dead-letter queue alarms).
 */
public final class InvoicingJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private final InvoicingService service;

  public InvoicingJobHandler() {
    this(Platform.fromEnvironment());
    Wiring.registerPriming();
  }

  public InvoicingJobHandler(Platform platform) {
    this.service = Wiring.service(platform);
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    try (var log = ScheduleInput.logContext(input, context)) {
      return handle(input);
    }
  }

  private Map<String, Object> handle(Map<String, Object> input) {
    String grantId = ScheduleInput.grantId(input);
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
