package se.bidrag.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import se.bidrag.platform.Platform;

/**
 * Test function for schedules: records each invocation's input, the clock it saw and when it ran; input
 * {"fail": true} throws (until the test mends the cause), {"failTimes": n} throws on the first n tries
 * of that job.
 */
public final class TickHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public record Tick(Map<String, Object> input, Instant at, long nanos, String function) {}

  public static final List<Tick> TICKS = new CopyOnWriteArrayList<>();
  /** The cause of {"fail": true} is mended: such jobs succeed from now on. */
  public static final AtomicBoolean MENDED = new AtomicBoolean();
  private final Platform platform;

  public TickHandler(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    TICKS.add(new Tick(input, platform.clock().instant(), System.nanoTime(), context.getFunctionName()));
    if (Boolean.TRUE.equals(input.get("fail")) && !MENDED.get()) {
      throw new IllegalStateException("scheduled test failure");
    }
    if (input.get("failTimes") instanceof Number n
        && TICKS.stream().filter(t -> input.get("job").equals(t.input().get("job"))).count() <= n.longValue()) {
      throw new IllegalStateException("fails " + n + " time(s), then succeeds");
    }
    return Map.of("ticked", true);
  }

  /** The ticks of one job, in order. */
  public static List<Tick> of(String job) {
    return TICKS.stream().filter(t -> job.equals(t.input().get("job"))).toList();
  }
}
