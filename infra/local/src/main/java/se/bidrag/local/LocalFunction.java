package se.bidrag.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import se.bidrag.platform.Platform;

/**
 * One function of template.yaml, warm, with the function's environment from the template, the local
 * endpoints and the local clock. As on Lambda, each concurrent invocation gets an execution environment
 * of its own: a handler instance is made once per environment and reused by later invocations, so that
 * per-environment state (an SDK client, a send rate) is what it is on AWS.
 */
public final class LocalFunction {
  /** An execution environment: a handler instance, and the generation it was made in. */
  private record Environment(RequestHandler<Object, Object> handler, int generation) {}

  private final SamTemplate.Function definition;
  private final Map<String, String> environment;
  private final Supplier<Platform> platform;
  private final ConcurrentLinkedDeque<Environment> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger environments = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();
  private final int timeoutSeconds;
  private final int memoryMb;
  private final CallLedger ledger;

  LocalFunction(SamTemplate.Function definition, Map<String, String> environment, Supplier<Platform> platform,
      CallLedger ledger) {
    this.definition = definition;
    this.ledger = ledger;
    this.environment = Map.copyOf(environment);
    this.platform = platform;
    this.timeoutSeconds = Integer.parseInt(String.valueOf(definition.properties().getOrDefault("Timeout", 3)));
    this.memoryMb = Integer.parseInt(String.valueOf(definition.properties().getOrDefault("MemorySize", 128)));
    if (!"handleRequest".equals(definition.handlerMethod())) {
      throw new IllegalStateException(definition.logicalId() + ": the local runtime calls handleRequest, not "
          + definition.handlerMethod());
    }
    idle.push(newEnvironment()); // the first environment at start, so that a broken handler fails here
  }

  /**
   * New environments from now on: the handler constructed again (its init runs again, with a new
   * platform); the environments there were are not used again, also those busy now.
   */
  void reinitialise() {
    generation.incrementAndGet();
    idle.clear();
    environments.set(0);
    idle.push(newEnvironment());
  }

  @SuppressWarnings("unchecked")
  private Environment newEnvironment() {
    int g = generation.get();
    try {
      Class<?> type = Class.forName(definition.handlerClass());
      Object instance = type.getConstructor(Platform.class).newInstance(platform.get());
      if (!(instance instanceof RequestHandler<?, ?>)) {
        throw new IllegalStateException(definition.handler() + " is not a RequestHandler");
      }
      environments.incrementAndGet();
      return new Environment((RequestHandler<Object, Object>) instance, g);
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
    Environment e = idle.peek();
    return e != null ? e.handler() : newEnvironment().handler();
  }

  /** How many execution environments (handler instances) the function has: as many as ever ran at once. */
  public int environments() {
    return environments.get();
  }

  /** The function's configured memory (MemorySize, Globals applied), in MB. */
  public int memoryMb() {
    return memoryMb;
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
    Environment e = idle.poll();
    if (e == null) {
      e = newEnvironment(); // every environment is busy: Lambda starts another
    }
    Environment env = e;
    try {
      return ledger.during(definition.logicalId(), trigger,
          () -> env.handler().handleRequest(event, new LocalContext(definition.logicalId(), timeoutSeconds, memoryMb)));
    } finally {
      if (env.generation() == generation.get()) {
        idle.push(env);
      }
    }
  }
}
