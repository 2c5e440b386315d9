package se.bidrag.platform;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * SnapStart priming of the jobs and queue consumers: their real first invocation, run dry. A dry
 * {@link Platform} ({@link Platform#dryRun}) builds its own SDK clients with this interceptor and
 * {@link #httpClient}: a call that only reads goes to the service; any other call (a write, a send, a queue
 * message, a deletion) is marshalled and signed, then addressed to {@value #NOWHERE} (a name that never
 * resolves) and answered in the process by the dry HTTP client with an empty success ({@code 200 {}}; for
 * SES's query protocol the XML of a success whose message id is {@code dry-run}), so
 * nothing leaves the process and the domain code goes on as if the write had been made, until it stops on
 * its own or on an answer it cannot use. {@link #invoke} ends the invocation quietly. A dry platform counts no
 * business metrics, and its invocations log nothing ({@link Log#muted}).
 */
public final class DryRun implements ExecutionInterceptor {
  /** The operations that read and change nothing (by the SDK's operation name). An allowlist: anything else is not sent. */
  static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan", "TransactGetItems",
      "DescribeTable", "GetQueueAttributes", "GetQueueUrl", "ListQueues", "GetSendQuota", "GetSecretValue");
  /** Where a call that is not sent is addressed: {@code .invalid} never resolves (RFC 2606). */
  static final String NOWHERE = "dry-run.invalid";
  /** On a request to {@value #NOWHERE}: the service and operation, for the answer's shape. */
  static final String OPERATION = "x-bidrag-dry-run";
  private static final AtomicLong NOT_SENT = new AtomicLong();

  /** A call a dry run was about to send to the service although it is not a read. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String operation) {
      super("dry run: " + operation + " not sent", null, false, false);
    }
  }

  private static boolean reads(ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    return operation != null && READS.contains(operation);
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    if (reads(attributes)) {
      return context.httpRequest();
    }
    NOT_SENT.incrementAndGet();
    return context.httpRequest().toBuilder().protocol("http").host(NOWHERE).port(80)
        .putHeader(OPERATION, attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
            + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).build();
  }

  /** The last check: a call that is not a read is only ever made to {@value #NOWHERE}, i.e. answered in the process. */
  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (!reads(attributes) && !NOWHERE.equals(context.httpRequest().host())) {
      throw new Refused(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
          + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }
  }

  /** The dry platform's HTTP client: a request to {@value #NOWHERE} gets an empty success here; any other goes to {@code real}. */
  static SdkHttpClient httpClient(SdkHttpClient real) {
    return new SdkHttpClient() {
      @Override
      public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!NOWHERE.equals(request.httpRequest().host())) {
          return real.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
          @Override
          public HttpExecuteResponse call() {
            String operation = request.httpRequest().firstMatchingHeader(OPERATION).orElse("?.?");
            boolean query = operation.startsWith("Ses.");
            String name = operation.substring(operation.indexOf('.') + 1);
            byte[] body = (query ? "<" + name + "Response xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\"><" + name
                + "Result><MessageId>dry-run</MessageId></" + name + "Result><ResponseMetadata><RequestId>dry-run"
                + "</RequestId></ResponseMetadata></" + name + "Response>" : "{}").getBytes(StandardCharsets.UTF_8);
            return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200)
                    .putHeader("Content-Type", query ? "text/xml" : "application/x-amz-json-1.0")
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .putHeader("x-amzn-RequestId", "dry-run").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
          }

          @Override
          public void abort() {
            // answered at once
          }
        };
      }

      @Override
      public String clientName() {
        return real.clientName();
      }

      @Override
      public void close() {
        real.close();
      }
    };
  }

  /** How many calls dry runs answered in the process instead of sending them, in this JVM (tests). */
  public static long notSent() {
    return NOT_SENT.get();
  }

  /**
   * Runs a dry invocation: its log lines (and metric lines) are dropped, and its failure (an answer it could
   * not use, or a refusal) ends it quietly; {@code Error}s still propagate.
   */
  public static void invoke(Runnable invocation) {
    Log.muted(() -> {
      try {
        invocation.run();
      } catch (RuntimeException expected) {
        // a dry run may end on a fabricated answer it cannot use, or on a domain refusal: both are expected
      }
    });
  }
}
