package se.bidrag.platform;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * SnapStart priming of the jobs and queue consumers: their real first invocation, run dry. A dry
 * {@link Platform} ({@link Platform#dryRun}) builds its own SDK clients with this interceptor: a call that only
 * reads goes through; any other call (a write, a send, a queue message, a deletion) is stopped after it is
 * marshalled and signed and before its HTTP request is made, with {@link Refused}, so nothing leaves the
 * process. The domain code then meets a failed write, as it would on an outage, and the invocation ends
 * there; {@link #invoke} catches that. A dry platform counts no business metrics, and its invocations
 * log nothing ({@link Log#muted}).
 */
public final class DryRun implements ExecutionInterceptor {
  /** The operations that read and change nothing (by the SDK's operation name). An allowlist: anything else is refused. */
  static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems",
      "DescribeTable", "GetQueueAttributes", "GetQueueUrl", "ListQueues", "GetSendQuota", "GetSecretValue");
  private static final AtomicLong REFUSED = new AtomicLong();

  /** A call a dry run did not make. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String operation) {
      super("dry run: " + operation + " not sent", null, false, false);
    }
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    check(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request());
  }

  static void check(String service, String operation, SdkRequest request) {
    if (operation == null || !READS.contains(operation)) {
      REFUSED.incrementAndGet();
      throw new Refused(service + "." + operation);
    }
  }

  /** How many calls dry runs refused in this JVM (tests: a dry run did reach a write). */
  public static long refused() {
    return REFUSED.get();
  }

  /**
   * Runs a dry invocation: its log lines (and metric lines) are dropped, and its failure, a refused write
   * being the expected one, ends it quietly; {@code Error}s still propagate.
   */
  public static void invoke(Runnable invocation) {
    Log.muted(() -> {
      try {
        invocation.run();
      } catch (RuntimeException expected) {
        // the dry run stops at its first write (Refused, maybe wrapped by the SDK or the domain), or at a refusal
      }
    });
  }
}
