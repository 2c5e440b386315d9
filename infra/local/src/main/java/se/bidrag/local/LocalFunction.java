package se.bidrag.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import se.bidrag.platform.Platform;

/**
 * One function of template.yaml, warm: its handler class instantiated once (as a Lambda container
 * would), with the function's environment from the template, the local endpoints and the local clock.
 */
public final class LocalFunction {
  private final SamTemplate.Function definition;
  private final Map<String, String> environment;
  private final java.util.function.Supplier<Platform> platform;
  private volatile RequestHandler<Object, Object> handler;
  private final int timeoutSeconds;
  private final int memoryMb;
  private final CallLedger ledger;

  LocalFunction(SamTemplate.Function definition, Map<String, String> environment, java.util.function.Supplier<Platform> platform,
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
    this.handler = instantiate();
  }

  /** A new environment: the handler constructed again (its init runs again, with a new platform). */
  void reinitialise() {
    this.handler = instantiate();
  }

  @SuppressWarnings("unchecked")
  private RequestHandler<Object, Object> instantiate() {
    try {
      Class<?> type = Class.forName(definition.handlerClass());
      Object instance = type.getConstructor(Platform.class).newInstance(platform.get());
      if (!(instance instanceof RequestHandler<?, ?>)) {
        throw new IllegalStateException(definition.handler() + " is not a RequestHandler");
      }
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

  /** The handler instance, as constructed for this function. */
  public Object handler() {
    return handler;
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
    return ledger.during(definition.logicalId(), trigger,
        () -> handler.handleRequest(event, new LocalContext(definition.logicalId(), timeoutSeconds, memoryMb)));
  }
}
