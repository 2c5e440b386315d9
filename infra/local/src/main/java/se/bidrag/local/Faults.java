package se.bidrag.local;

import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Fault injection for the functions' AWS clients (the local runtime adds it to every function; it
 * does nothing until a test or the demo arms it). A rule sees each call before it is sent and may
 * throw instead: nothing reaches the emulator, exactly as if the call had been lost on the way; and
 * it sees each call again after the emulator answered, and may lose the answer (a read timeout on a
 * call that took effect). Both happen inside the SDK's retry loop, as real failures do.
 */
public final class Faults implements ExecutionInterceptor {

  /** Decides, per call, whether to fail it (return the exception to throw) or let it through (null). */
  @FunctionalInterface
  public interface Rule {
    RuntimeException apply(String service, String operation, SdkRequest request);

    /**
     * Decides, after the service carried out the call, whether its answer is lost on the way back
     * (the caller sees a timeout although the call took effect). None by default.
     */
    default RuntimeException afterService(String service, String operation, SdkRequest request) {
      return null;
    }
  }

  private final AtomicReference<Rule> rule = new AtomicReference<>();

  public void arm(Rule r) {
    rule.set(r);
  }

  public void disarm() {
    rule.set(null);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    Rule r = rule.get();
    if (r == null) {
      return;
    }
    RuntimeException fault = r.apply(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
    if (fault != null) {
      throw fault;
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    Rule r = rule.get();
    if (r == null) {
      return;
    }
    RuntimeException fault = r.afterService(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
    if (fault != null) {
      throw fault;
    }
  }
}
