package se.bidrag.operations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import se.bidrag.access.Access;
import se.bidrag.access.Caller;
import se.bidrag.access.Callers;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.grant.Refusal;
import se.bidrag.http.ApiHandler;
import se.bidrag.http.ApiRequest;
import se.bidrag.http.ApiResponse;
import se.bidrag.json.Json;
import se.bidrag.platform.Platform;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The operator's failure queues over HTTP (the agency): the queues with their depth, and a redrive of
 * one queue once the cause is mended (a handläggare; audited as {@code dead-letters.redriven}).
 */
public final class OperationsApiHandler extends ApiHandler {
  private final DeadLetterQueues queues;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public OperationsApiHandler() {
    this(Platform.fromEnvironment());
  }

  public OperationsApiHandler(Platform platform) {
    this.queues = Wiring.queues(platform);
    this.dynamoDb = platform.dynamoDb();
    this.table = Wiring.table(platform);
    this.clock = platform.clock();
    route("GET /operations/dead-letters", this::list);
    route("POST /operations/dead-letters/{name}/redrive", this::redrive);
  }

  private APIGatewayV2HTTPResponse list(ApiRequest request) {
    Access.requireAgency(Callers.of(request));
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("queues");
    for (DeadLetterQueues.Queue q : queues.list()) {
      list.addObject().put("name", q.name()).put("source", q.source()).put("depth", q.depth())
          .put("redrivable", q.redrivable());
    }
    return ApiResponse.json(200, body);
  }

  private APIGatewayV2HTTPResponse redrive(ApiRequest request) {
    Caller caller = Access.requireHandlaggare(Callers.of(request), "redriving a failure queue");
    String name = request.pathParameter("name");
    DeadLetterQueues.Queue q = queues.find(name)
        .orElseThrow(() -> Refusal.notFound("name", "no failure queue " + name));
    if (!q.redrivable()) {
      throw Refusal.conflict("not-redrivable", name + " holds failed invocations of scheduled jobs, which are invoked "
          + "again rather than moved to a queue (the operations guide says how)");
    }
    Instant now = clock.instant();
    // the record first: a redrive that is not recorded does not happen. Its sequence is the instant in
    // milliseconds times 1000 plus the first number free at that instant (two redrives in one millisecond).
    for (int i = 0; ; i++) {
      long sequence = now.toEpochMilli() * 1000 + i;
      try {
        dynamoDb.transactWriteItems(t -> t.transactItems(List.of(AuditItems.put(table, new AuditEntry(null,
            "dead-letters/" + name, sequence, now, caller, "dead-letters.redriven",
            Json.object().put("depth", q.depth()), Json.object().put("depth", 0))))));
        break;
      } catch (TransactionCanceledException taken) {
        if (i >= 999) {
          throw taken;
        }
      }
    }
    long moved = queues.redrive(q);
    return ApiResponse.json(202, Json.object().put("name", name).put("moved", moved));
  }
}
