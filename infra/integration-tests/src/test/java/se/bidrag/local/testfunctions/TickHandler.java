package se.bidrag.local.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import se.bidrag.platform.Platform;

/** Test function for schedules: records each invocation's input and the clock it saw; input {"fail": true} throws. */
public final class TickHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  public record Tick(Map<String, Object> input, Instant at) {}

  public static final List<Tick> TICKS = new CopyOnWriteArrayList<>();
  private final Platform platform;

  public TickHandler(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
    TICKS.add(new Tick(input, platform.clock().instant()));
    if (Boolean.TRUE.equals(input.get("fail"))) {
      throw new IllegalStateException("scheduled test failure");
    }
    return Map.of("ticked", true);
  }
}
