package se.bidrag.platform;

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
}
