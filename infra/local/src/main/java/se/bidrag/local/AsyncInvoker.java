package se.bidrag.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import se.bidrag.json.Json;
import se.bidrag.platform.Log;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Lambda's asynchronous invocation, locally: what EventBridge Scheduler's target invocation is on AWS.
 * The event is accepted and tried at once; if the function throws, Lambda retries it
 * {@code EventInvokeConfig.MaximumRetryAttempts} times (default 2) after its waits (on AWS about one
 * minute, then two; here {@code retryDelays}, short in tests), as long as the event is not older than
 * {@code MaximumEventAgeInSeconds} on the local clock (default six hours). When it gives up, the
 * on-failure destination receives an invocation record shaped like Lambda's ({@link InvocationRecord});
 * a function without one drops the event, as AWS does, and says so in the log.
 */
public final class AsyncInvoker {

  /** A function's EventInvokeConfig, resolved: the on-failure destination's queue URL, or null for none. */
  record Config(int maximumRetryAttempts, int maximumEventAgeSeconds, String onFailureQueueUrl, String qualifier) {
    static final int DEFAULT_RETRIES = 2;
    static final int DEFAULT_EVENT_AGE = 21_600;
  }

  /** What an invocation came to: after its first attempt, or, once settled, its last. */
  public record Outcome(String requestId, int attempts, boolean succeeded, boolean settled, String condition,
      String result) {}

  /** One event in the function's asynchronous queue. */
  static final class Invocation {
    final String requestId = UUID.randomUUID().toString();
    final LocalFunction function;
    final Map<String, Object> payload;
    final String trigger;
    final Instant accepted;
    int attempts;
    long dueNanos;
    Throwable lastError;

    Invocation(LocalFunction function, Map<String, Object> payload, String trigger, Instant accepted) {
      this.function = function;
      this.payload = payload;
      this.trigger = trigger;
      this.accepted = accepted;
    }
  }

  private final Map<String, Config> configs;
  private final LocalClock clock;
  private final SqsClient sqs;
  private final List<Duration> retryDelays;
  private final String arnPrefix;
  private final PriorityQueue<Invocation> waiting = new PriorityQueue<>(Comparator.comparingLong(i -> i.dueNanos));
  private int running;

  AsyncInvoker(Map<String, Config> configs, LocalClock clock, SqsClient sqs, List<Duration> retryDelays, String region) {
    this.configs = Map.copyOf(configs);
    this.clock = clock;
    this.sqs = sqs;
    this.retryDelays = List.copyOf(retryDelays);
    this.arnPrefix = "arn:aws:lambda:" + region + ":" + ElasticMq.ACCOUNT + ":function:";
    if (this.retryDelays.isEmpty()) {
      throw new IllegalArgumentException("at least one retry delay");
    }
  }

  Config config(String functionName) {
    return configs.getOrDefault(functionName, new Config(Config.DEFAULT_RETRIES, Config.DEFAULT_EVENT_AGE, null, null));
  }

  /** The on-failure destinations (queue URL → the functions that send to it). */
  Map<String, List<String>> onFailureQueues() {
    Map<String, List<String>> out = new java.util.TreeMap<>();
    configs.forEach((fn, c) -> {
      if (c.onFailureQueueUrl() != null) {
        out.computeIfAbsent(c.onFailureQueueUrl(), k -> new ArrayList<>()).add(fn);
      }
    });
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  /** The function an invocation record's {@code functionArn} names (with or without a qualifier). */
  String functionName(String functionArn) {
    if (!functionArn.startsWith(arnPrefix)) {
      throw new IllegalArgumentException("not a local function ARN: " + functionArn);
    }
    String rest = functionArn.substring(arnPrefix.length());
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  /**
   * Accepts an event for {@code function} (InvocationType Event) and makes the first attempt now, in the
   * caller's thread; a failed one waits for its retries in the queue. Returns the first attempt's outcome.
   */
  public Outcome invoke(LocalFunction function, Map<String, Object> payload, String trigger) {
    Invocation inv = new Invocation(function, payload, trigger, clock.instant());
    synchronized (this) {
      running++;
    }
    try {
      return attempt(inv);
    } finally {
      synchronized (this) {
        running--;
        notifyAll();
      }
    }
  }

  /** Makes every retry that is due now; returns how many attempts were made. */
  public int runDue() {
    int made = 0;
    while (true) {
      Invocation next;
      synchronized (this) {
        next = waiting.peek();
        if (next == null || next.dueNanos - System.nanoTime() > 0) {
          return made;
        }
        waiting.poll();
        running++;
      }
      try {
        attempt(next);
        made++;
      } finally {
        synchronized (this) {
          running--;
          notifyAll();
        }
      }
    }
  }

  /** True when no event waits for a retry and none is being tried. */
  public synchronized boolean idle() {
    return waiting.isEmpty() && running == 0;
  }

  /** Events waiting for a retry. */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Nanoseconds until the next retry is due (0 if one is due now), or -1 when none waits. */
  synchronized long nanosUntilNextRetry() {
    Invocation next = waiting.peek();
    return next == null ? -1 : Math.max(0, next.dueNanos - System.nanoTime());
  }

  /** Forgets every waiting event (a reset of the local stack). */
  synchronized void clear() {
    waiting.clear();
  }

  private Outcome attempt(Invocation inv) {
    Config config = config(inv.function.name());
    Duration age = Duration.between(inv.accepted, clock.instant());
    if (inv.attempts > 0 && age.getSeconds() > config.maximumEventAgeSeconds()) {
      return giveUp(inv, config, InvocationRecord.EVENT_AGE_EXCEEDED);
    }
    inv.attempts++;
    try {
      Object result = inv.function.invoke(inv.payload, inv.trigger);
      return new Outcome(inv.requestId, inv.attempts, true, true, null,
          result == null ? "" : Json.write(Json.MAPPER.valueToTree(result)));
    } catch (RuntimeException e) {
      inv.lastError = e;
      Log.warn("asynchronous invocation failed", "function", inv.function.name(), "requestId", inv.requestId,
          "attempt", inv.attempts, "error", String.valueOf(e));
      if (inv.attempts > config.maximumRetryAttempts()) {
        return giveUp(inv, config, InvocationRecord.RETRIES_EXHAUSTED);
      }
      Duration wait = retryDelays.get(Math.min(inv.attempts - 1, retryDelays.size() - 1));
      synchronized (this) {
        inv.dueNanos = System.nanoTime() + wait.toNanos();
        waiting.add(inv);
      }
      return new Outcome(inv.requestId, inv.attempts, false, false, null, String.valueOf(e) + "; Lambda retries it in "
          + wait + " (" + (config.maximumRetryAttempts() - inv.attempts + 1) + " retries left)");
    }
  }

  private Outcome giveUp(Invocation inv, Config config, String condition) {
    String arn = arnPrefix + inv.function.name() + (config.qualifier() == null ? ":$LATEST" : ":" + config.qualifier());
    if (config.onFailureQueueUrl() == null) {
      Log.warn("asynchronous invocation dropped: the function has no on-failure destination", "function",
          inv.function.name(), "requestId", inv.requestId, "condition", condition, "error", String.valueOf(inv.lastError));
      return new Outcome(inv.requestId, inv.attempts, false, true, condition, "dropped (no on-failure destination): "
          + inv.lastError);
    }
    String record = Json.write(InvocationRecord.failure(clock.instant(), inv.requestId, arn, condition, inv.attempts,
        inv.payload, inv.lastError));
    sqs.sendMessage(m -> m.queueUrl(config.onFailureQueueUrl()).messageBody(record));
    return new Outcome(inv.requestId, inv.attempts, false, true, condition, "to the on-failure destination after "
        + inv.attempts + " attempts: " + inv.lastError);
  }
}
