package se.bidrag.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import se.bidrag.platform.Platform;

/**
 * One function of template.yaml, warm, with the function's environment from the template, the local
 * endpoints and the local clock. As on Lambda, each concurrent invocation gets an execution environment
 * of its own: a handler instance is made once per environment and reused by later invocations, so that
 * per-environment state (an SDK client, a send rate) is what it is on AWS.
 */
public final class LocalFunction {
  private final SamTemplate.Function definition;
  private final Map<String, String> environment;
  private final Platform platform;
  private final java.util.concurrent.ConcurrentLinkedDeque<RequestHandler<Object, Object>> idle =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  private final java.util.concurrent.atomic.AtomicInteger environments = new java.util.concurrent.atomic.AtomicInteger();
  private final int timeoutSeconds;
  private final int memoryMb;
  private final CallLedger ledger;

  LocalFunction(SamTemplate.Function definition, Map<String, String> environment, Platform platform, CallLedger ledger) {
    this.definition = definition;
    this.ledger = ledger;
    this.environment = Map.copyOf(environment);
    this.timeoutSeconds = Integer.parseInt(String.valueOf(definition.properties().getOrDefault("Timeout", 3)));
    this.memoryMb = Integer.parseInt(String.valueOf(definition.properties().getOrDefault("MemorySize", 128)));
    if (!"handleRequest".equals(definition.handlerMethod())) {
      throw new IllegalStateException(definition.logicalId() + ": the local runtime calls handleRequest, not "
          + definition.handlerMethod());
    }
    this.platform = platform;
    idle.push(newEnvironment()); // the first environment at start, so that a broken handler fails here
  }

  @SuppressWarnings("unchecked")
  private RequestHandler<Object, Object> newEnvironment() {
    try {
      Class<?> type = Class.forName(definition.handlerClass());
      Object instance = type.getConstructor(Platform.class).newInstance(platform);
      if (!(instance instanceof RequestHandler<?, ?>)) {
        throw new IllegalStateException(definition.handler() + " is not a RequestHandler");
      }
      environments.incrementAndGet();
      return (RequestHandler<Object, Object>) instance;
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(definition.logicalId() + ": " + definition.handlerClass()
          + " failed to initialise: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(definition.logicalId() + ": " + definition.handlerClass()
          + " needs a public constructor taking se.bidrag.platform.Platform", e);
    }
  }

  public String name() {
    return definition.logicalId();
  }

  public SamTemplate.Function definition() {
    return definition;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** A handler instance of this function (an idle environment's). */
  public Object handler() {
    RequestHandler<Object, Object> h = idle.peek();
    return h != null ? h : newEnvironment();
  }

  /** How many execution environments (handler instances) the function has: as many as ever ran at once. */
  public int environments() {
    return environments.get();
  }

  /** Invokes the handler as Lambda would (one event, a fresh context); its exceptions propagate. */
  public Object invoke(Object event) {
    return invoke(event, "direct " + definition.logicalId());
  }

  /**
   * Invokes the handler for a trigger (an HTTP route key, "SQS &lt;queue&gt;", "schedule &lt;name&gt;"), under
   * which the AWS calls it makes are counted.
   */
  public Object invoke(Object event, String trigger) {
    RequestHandler<Object, Object> h = idle.poll();
    if (h == null) {
      h = newEnvironment(); // every environment is busy: Lambda starts another
    }
    RequestHandler<Object, Object> handler = h;
    try {
      return ledger.during(definition.logicalId(), trigger,
          () -> handler.handleRequest(event, new LocalContext(definition.logicalId(), timeoutSeconds, memoryMb)));
    } finally {
      idle.push(handler);
    }
  }
}
