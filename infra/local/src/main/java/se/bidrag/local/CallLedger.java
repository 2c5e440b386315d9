package se.bidrag.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts every AWS call each function invocation makes, with DynamoDB's consumed read and write
 * capacity per call (the ledger asks for it: {@code ReturnConsumedCapacity=TOTAL}, which changes
 * nothing else). The local stack adds it to every function's clients and tells it which invocation is
 * running on a thread (the SDK's synchronous clients call on the caller's thread; a thread the invocation starts,
 * such as a payout's worker pool, inherits it, and counts for it while it runs); calls outside an
 * invocation (the tests' own clients) are not counted. Read it per trigger: an HTTP route key, an SQS
 * event source, a schedule.
 */
public final class CallLedger implements ExecutionInterceptor {
  /**
   * One AWS API call (retried attempts included in it), with its consumed capacity units and the grant the
   * function was working for when it made it (its log context's; null when none, e.g. an organisation's route).
   */
  public record Call(String service, String operation, double readUnits, double writeUnits, String grant) {}

  /** One invocation of a function, by what triggered it, the calls it made, and how long it ran. */
  public record Invocation(String function, String trigger, List<Call> calls, double millis) {}

  private final ThreadLocal<Invocation> current = new InheritableThreadLocal<>();
  private final ConcurrentLinkedQueue<Invocation> done = new ConcurrentLinkedQueue<>();
  /** The invocations running now: a thread started during one that outlives it inherited it, and must not count for it. */
  private final java.util.Set<Invocation> running = java.util.Collections.synchronizedSet(
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));

  /** Runs {@code body} as one invocation of {@code function} for {@code trigger}, recording its calls. */
  public <T> T during(String function, String trigger, java.util.function.Supplier<T> body) {
    Invocation outer = current.get();
    Invocation inv = new Invocation(function, trigger, java.util.Collections.synchronizedList(new ArrayList<>()), 0);
    current.set(inv);
    running.add(inv);
    long t0 = System.nanoTime();
    try {
      return body.get();
    } finally {
      running.remove(inv);
      done.add(new Invocation(function, trigger, inv.calls(), (System.nanoTime() - t0) / 1e6));
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
  }

  /** Every invocation since the last {@link #clear()}. */
  public List<Invocation> invocations() {
    return List.copyOf(done);
  }

  public void clear() {
    done.clear();
  }

  /** Per trigger: invocations, and per invocation the mean calls by service and capacity units. */
  public record Figures(String trigger, String function, long invocations, Map<String, Long> callsByService,
      long maxDynamoDbCalls, double readUnits, double writeUnits) {
    public double perInvocation(long total) {
      return invocations == 0 ? 0 : (double) total / invocations;
    }
  }

  public Map<String, Figures> byTrigger() {
    Map<String, List<Invocation>> grouped = new TreeMap<>();
    for (Invocation i : done) {
      grouped.computeIfAbsent(i.trigger(), k -> new ArrayList<>()).add(i);
    }
    Map<String, Figures> out = new LinkedHashMap<>();
    grouped.forEach((trigger, list) -> {
      Map<String, Long> byService = new TreeMap<>();
      long maxDb = 0;
      double rcu = 0;
      double wcu = 0;
      for (Invocation i : list) {
        long db = 0;
        synchronized (i.calls()) {
          for (Call c : i.calls()) {
            byService.merge(c.service(), 1L, Long::sum);
            rcu += c.readUnits();
            wcu += c.writeUnits();
            if (c.service().equals("DynamoDb")) {
              db++;
            }
          }
        }
        maxDb = Math.max(maxDb, db);
      }
      out.put(trigger, new Figures(trigger, list.get(0).function(), list.size(), byService, maxDb, rcu, wcu));
    });
    return out;
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (running() == null) {
      return context.request();
    }
    SdkRequest r = context.request();
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    if (r instanceof GetItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof PutItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof UpdateItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof DeleteItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof QueryRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof ScanRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof BatchGetItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof BatchWriteItemRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof TransactWriteItemsRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    } else if (r instanceof TransactGetItemsRequest x) {
      return x.toBuilder().returnConsumedCapacity(total).build();
    }
    return r;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Invocation inv = running();
    if (inv == null) {
      return;
    }
    List<ConsumedCapacity> capacity = capacity(context.response());
    double read = 0;
    double write = 0;
    for (ConsumedCapacity c : capacity) {
      read += c.readCapacityUnits() != null ? c.readCapacityUnits() : 0;
      write += c.writeCapacityUnits() != null ? c.writeCapacityUnits() : 0;
      if (c.readCapacityUnits() == null && c.writeCapacityUnits() == null && c.capacityUnits() != null) {
        // DynamoDB reports only the total for some operations: reads are reads, the rest writes
        if (isRead(context.request())) {
          read += c.capacityUnits();
        } else {
          write += c.capacityUnits();
        }
      }
    }
    inv.calls().add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), read, write, grant()));
  }

  /** A call that failed (after its retries) still counts as a call, with no capacity known. */
  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Invocation inv = running();
    if (inv != null) {
      inv.calls().add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
          attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 0, 0, grant()));
    }
  }

  /** The invocation this thread works for, if it is still running. */
  private Invocation running() {
    Invocation inv = current.get();
    return inv != null && running.contains(inv) ? inv : null;
  }

  private static String grant() {
    return se.bidrag.platform.LogContext.current().grant();
  }

  private static boolean isRead(SdkRequest r) {
    return r instanceof GetItemRequest || r instanceof QueryRequest || r instanceof ScanRequest
        || r instanceof BatchGetItemRequest || r instanceof TransactGetItemsRequest;
  }

  private static List<ConsumedCapacity> capacity(SdkResponse r) {
    List<ConsumedCapacity> out = new ArrayList<>();
    if (r instanceof GetItemResponse x && x.consumedCapacity() != null) {
      out.add(x.consumedCapacity());
    } else if (r instanceof PutItemResponse x && x.consumedCapacity() != null) {
      out.add(x.consumedCapacity());
    } else if (r instanceof UpdateItemResponse x && x.consumedCapacity() != null) {
      out.add(x.consumedCapacity());
    } else if (r instanceof DeleteItemResponse x && x.consumedCapacity() != null) {
      out.add(x.consumedCapacity());
    } else if (r instanceof QueryResponse x && x.consumedCapacity() != null) {
      out.add(x.consumedCapacity());
    } else if (r instanceof ScanResponse x && x.consumedCapacity() != null) {
      out.add(x.consumedCapacity());
    } else if (r instanceof BatchGetItemResponse x && x.hasConsumedCapacity()) {
      out.addAll(x.consumedCapacity());
    } else if (r instanceof BatchWriteItemResponse x && x.hasConsumedCapacity()) {
      out.addAll(x.consumedCapacity());
    } else if (r instanceof TransactWriteItemsResponse x && x.hasConsumedCapacity()) {
      out.addAll(x.consumedCapacity());
    } else if (r instanceof TransactGetItemsResponse x && x.hasConsumedCapacity()) {
      out.addAll(x.consumedCapacity());
    }
    return out;
  }
}
