package se.bidrag.local;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.json.Json;

/**
 * The ScheduleV2 events of template.yaml, fired from the local clock. Each check fires every
 * schedule whose latest occurrence since its previous check has come, once (missed occurrences
 * coalesce, which the jobs allow: they catch up on everything due). As on AWS, EventBridge Scheduler
 * invokes the function asynchronously: its RetryPolicy and dead-letter queue cover only the delivery
 * (which does not fail locally); a function that throws gets Lambda's asynchronous retries and then
 * its on-failure destination ({@link AsyncInvoker}).
 */
public final class LocalScheduler {

  /** One schedule. */
  public static final class Schedule {
    final String name;
    final LocalFunction function;
    final ScheduleExpression expression;
    final String expressionText;
    final String input;
    final String deadLetterQueueUrl;
    final boolean enabled;
    volatile Instant checkedUpTo;

    Schedule(String name, LocalFunction function, ScheduleExpression expression, String expressionText, String input,
        String deadLetterQueueUrl, boolean enabled, Instant checkedUpTo) {
      this.name = name;
      this.function = function;
      this.expression = expression;
      this.expressionText = expressionText;
      this.input = input;
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

  /**
   * What one firing did: the event was delivered and tried at once ({@code attempts} 1); if that failed,
   * Lambda retries it later ({@code settled} false) and {@code result} says when.
   */
  public record Fired(String schedule, Instant occurrence, int attempts, boolean succeeded, String result,
      String requestId, boolean settled) {}

  private final List<Schedule> schedules;
  private final LocalClock clock;
  private final AsyncInvoker async;

  LocalScheduler(List<Schedule> schedules, LocalClock clock, AsyncInvoker async) {
    this.schedules = schedules;
    this.clock = clock;
    this.async = async;
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
      fired.add(deliver(d.schedule(), d.at()));
    }
    return fired;
  }

  /** Starts every schedule's count afresh from the clock's time (after a reset). */
  public synchronized void restartFrom(Instant instant) {
    schedules.forEach(s -> s.checkedUpTo = instant);
  }

  /** The dead-letter queues of the schedules' delivery (schedule name → queue URL). */
  Map<String, String> deliveryDeadLetterQueues() {
    Map<String, String> out = new java.util.TreeMap<>();
    schedules.stream().filter(s -> s.deadLetterQueueUrl != null).forEach(s -> out.put(s.name, s.deadLetterQueueUrl));
    return out;
  }

  private Fired deliver(Schedule s, Instant occurrence) {
    Map<String, Object> event;
    try {
      event = Json.MAPPER.readValue(s.input, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException("schedule " + s.name + ": Input is not a JSON object: " + s.input, e);
    }
    AsyncInvoker.Outcome o = async.invoke(s.function, event, "schedule " + s.name);
    return new Fired(s.name, occurrence, o.attempts(), o.succeeded(), o.result(), o.requestId(), o.settled());
  }
}
