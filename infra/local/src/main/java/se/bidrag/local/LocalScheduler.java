package se.bidrag.local;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The ScheduleV2 events of template.yaml, fired from the local clock. Each check fires every
 * schedule whose latest occurrence since its previous check has come, once (missed occurrences
 * coalesce, which the jobs allow: they catch up on everything due). A failing invocation is
 * retried as the schedule's RetryPolicy says, then its input goes to the schedule's dead-letter queue.
 */
public final class LocalScheduler {

  /** One schedule. */
  public static final class Schedule {
    final String name;
    final LocalFunction function;
    final ScheduleExpression expression;
    final String expressionText;
    final String input;
    final int maximumRetryAttempts;
    final String deadLetterQueueUrl;
    final boolean enabled;
    volatile Instant checkedUpTo;

    Schedule(String name, LocalFunction function, ScheduleExpression expression, String expressionText, String input,
        int maximumRetryAttempts, String deadLetterQueueUrl, boolean enabled, Instant checkedUpTo) {
      this.name = name;
      this.function = function;
      this.expression = expression;
      this.expressionText = expressionText;
      this.input = input;
      this.maximumRetryAttempts = maximumRetryAttempts;
      this.deadLetterQueueUrl = deadLetterQueueUrl;
      this.enabled = enabled;
      this.checkedUpTo = checkedUpTo;
    }

    public String name() {
      return name;
    }

    public String expression() {
      return expressionText;
    }
  }

  /** What one firing did. */
  public record Fired(String schedule, Instant occurrence, int attempts, boolean succeeded, String result) {}

  private final List<Schedule> schedules;
  private final LocalClock clock;
  private final SqsClient sqs;

  LocalScheduler(List<Schedule> schedules, LocalClock clock, SqsClient sqs) {
    this.schedules = schedules;
    this.clock = clock;
    this.sqs = sqs;
  }

  public List<Schedule> schedules() {
    return schedules;
  }

  /** Fires what is due at the clock's current time, in order of occurrence. */
  public synchronized List<Fired> fireDue() {
    Instant now = clock.instant();
    record Due(Schedule schedule, Instant at) {}
    List<Due> due = new ArrayList<>();
    for (Schedule s : schedules) {
      if (now.isBefore(s.checkedUpTo)) {
        s.checkedUpTo = now; // the clock went back: nothing fires, and it counts from here
        continue;
      }
      Optional<Instant> at = s.enabled ? s.expression.latestIn(s.checkedUpTo, now) : Optional.empty();
      s.checkedUpTo = now;
      at.ifPresent(t -> due.add(new Due(s, t)));
    }
    due.sort(Comparator.comparing(Due::at).thenComparing(d -> d.schedule().name));
    List<Fired> fired = new ArrayList<>();
    for (Due d : due) {
      fired.add(invoke(d.schedule(), d.at()));
    }
    return fired;
  }

  /** Starts every schedule's count afresh from the clock's time (after a reset). */
  public synchronized void restartFrom(Instant instant) {
    schedules.forEach(s -> s.checkedUpTo = instant);
  }

  /** The schedule's dead-letter queue, or null. */
  public String deadLetterQueueUrl(String scheduleName) {
    return schedules.stream().filter(s -> s.name.equals(scheduleName)).map(s -> s.deadLetterQueueUrl).findFirst()
        .orElse(null);
  }

  /**
   * Runs a schedule's target again with the input of an invocation that ended in its dead-letter
   * queue (what an operator does after the alarm); true if it succeeded.
   */
  public boolean redrive(String scheduleName, Map<String, Object> input) {
    Schedule s = schedules.stream().filter(x -> x.name.equals(scheduleName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no schedule " + scheduleName));
    try {
      s.function.invoke(input, "schedule " + s.name);
      return true;
    } catch (RuntimeException e) {
      Log.warn("redriven invocation failed", "schedule", scheduleName, "error", String.valueOf(e));
      return false;
    }
  }

  private Fired invoke(Schedule s, Instant occurrence) {
    Map<String, Object> event;
    try {
      event = Json.MAPPER.readValue(s.input, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException("schedule " + s.name + ": Input is not a JSON object: " + s.input, e);
    }
    RuntimeException last = null;
    int attempts = 0;
    for (int i = 0; i <= s.maximumRetryAttempts; i++) {
      attempts++;
      try {
        Object result = s.function.invoke(event, "schedule " + s.name);
        return new Fired(s.name, occurrence, attempts, true, result == null ? "" : Json.write(Json.MAPPER.valueToTree(result)));
      } catch (RuntimeException e) {
        last = e;
        Log.warn("scheduled invocation failed", "schedule", s.name, "attempt", attempts, "error", String.valueOf(e));
      }
    }
    if (s.deadLetterQueueUrl != null) {
      var message = Json.object().put("schedule", s.name).put("occurrence", occurrence.toString())
          .put("error", String.valueOf(last));
      message.set("input", Json.MAPPER.valueToTree(event));
      sqs.sendMessage(m -> m.queueUrl(s.deadLetterQueueUrl).messageBody(Json.write(message)));
    }
    return new Fired(s.name, occurrence, attempts, false, String.valueOf(last));
  }
}
