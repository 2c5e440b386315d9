package se.bidrag.platform;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The input an EventBridge schedule gives a job. The schedules are daily and grant-independent
 * (template.yaml: {@code Input: '{}'}): the job runs for every grant the deployment has, each in the
 * phase it is in. An operator's manual invocation may name one grant ({@code {"grantId": ...}}).
 */
public final class ScheduleInput {
  private ScheduleInput() {}

  /** The one grant the input names, or null when the job is to run for every grant. */
  static String namedGrant(Map<String, Object> input) {
    Object grant = input == null ? null : input.get("grantId");
    if (grant != null && !(grant instanceof String g && !g.isBlank())) {
      throw new IllegalArgumentException("the job's input grantId must be a grant id: " + input);
    }
    return (String) grant;
  }

  /**
   * Runs the job for the grant the input names (its result as it is), else for each grant in turn:
   * a grant that fails does not stop the others, each logged under its own grant; the run then fails
   * naming them (the schedule's retries run them again, and every job is safe to run twice).
   */
  public static Map<String, Object> eachGrant(Map<String, Object> input, Supplier<List<String>> grants,
      Function<String, Map<String, Object>> job) {
    String named = namedGrant(input);
    if (named != null) {
      return job.apply(named);
    }
    List<Object> results = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    RuntimeException first = null;
    for (String grantId : grants.get()) {
      try (var scope = LogContext.follow(null, grantId)) {
        results.add(job.apply(grantId));
      } catch (RuntimeException e) {
        Log.error("the job failed for one grant; the others ran", e, "grant", grantId);
        failed.add(grantId);
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new IllegalStateException("the job failed for " + failed + " (each grant is run on its own; see the log); first: "
          + first.getMessage(), first);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("grants", results);
    return out;
  }

  /** The job's log context: its request id, function and the grant it names (if any); the run's correlation id is its request id. */
  public static LogContext.Scope logContext(Map<String, Object> input, Context context) {
    Object grant = input == null ? null : input.get("grantId");
    return LogContext.invocation(context, null, grant instanceof String g ? g : null);
  }
}
