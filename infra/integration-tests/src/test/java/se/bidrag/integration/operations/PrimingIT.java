package se.bidrag.integration.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.http.ApiHandler;
import se.bidrag.integration.Scenario;
import se.bidrag.local.LocalFunction;
import se.bidrag.local.LocalRuntime;
import se.bidrag.platform.Platform;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming is harmless on a live table: every function's priming (the SDK path of each operation,
 * and each GET route through the handler with a synthetic agency request) runs against a published grant
 * with a requisition, and afterwards the table, the queues and the mail are as before.
 */
@ExtendWith(LocalStackExtension.class)
class PrimingIT {
  @Test
  void primingEveryFunctionChangesNothing(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime).published();
    s.requisition("kommun-0114", 1000, true);
    runtime.deliverQueues(java.time.Duration.ofSeconds(30));
    Map<String, Map<String, AttributeValue>> before = s.snapshot();
    Map<String, Long> depths = runtime.queueDepths();
    int mails = runtime.emulators().mailbox().all().size();
    int routes = 0;
    for (LocalFunction f : runtime.functions().values()) {
      Platform p = Platform.local(f.environment(), runtime.clock(), List.of());
      p.dynamoDb();
      if (f.environment().keySet().stream().anyMatch(k -> k.endsWith("_QUEUE_URL"))) {
        p.sqs(); // the functions with a queue URL (SES's GetSendQuota is not primed here: the emulator never answers it)
      }
      p.prime();
      if (f.handler() instanceof ApiHandler h) {
        h.primeRoutes();
        routes += (int) h.routeKeys().stream().filter(k -> k.startsWith("GET ")).count();
      }
    }
    assertTrue(routes > 20, "GET routes primed: " + routes);
    Scenario.assertUnchanged(before, s.snapshot(), "after priming every function");
    assertEquals(depths, runtime.queueDepths(), "no message sent");
    assertEquals(mails, runtime.emulators().mailbox().all().size(), "no e-mail sent");
  }
}
