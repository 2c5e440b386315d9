package se.bidrag.platform;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/** The input an EventBridge schedule gives a job (template.yaml: {@code Input: {"grantId": ...}}). */
public final class ScheduleInput {
  private ScheduleInput() {}

  /** The grant the job runs for; a schedule without one is a deployment error, named. */
  public static String grantId(Map<String, Object> input) {
    if (input == null || !(input.get("grantId") instanceof String grantId)) {
      throw new IllegalArgumentException("the schedule's input needs a grantId: " + input);
    }
    return grantId;
  }

  /** The job's log context: its request id, function and grant; the run's correlation id is its request id. */
  public static LogContext.Scope logContext(Map<String, Object> input, Context context) {
    Object grant = input == null ? null : input.get("grantId");
    return LogContext.invocation(context, null, grant instanceof String g ? g : null);
  }
}
