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
import se.bidrag.platform.DryRun;
import se.bidrag.platform.Platform;
import se.bidrag.platform.Primable;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming is harmless on a live table: every function's priming (the SDK path of each operation,
 * each GET route through the handler with a synthetic agency request, and each job's and queue consumer's
 * first invocation run dry) runs against a published grant with a requisition, and afterwards the table, the
 * queues and the mail are as before, although the dry runs did reach writes (answered in the process, not sent).
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
    Map<String, Long> notSent = new java.util.TreeMap<>();
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
      if (f.handler() instanceof Primable job) {
        long notSentBefore = DryRun.notSent();
        job.prime();
        notSent.put(f.name(), DryRun.notSent() - notSentBefore);
      }
    }
    assertTrue(routes > 20, "GET routes primed: " + routes);
    assertEquals(java.util.Set.of("RedistributionJobFunction", "PayoutJobFunction", "ReportingJobFunction",
        "InvoicingJobFunction", "PaymentFileFunction", "EmailSenderFunction", "InvoicingEventFunction",
        "SesEventFunction"), notSent.keySet(), "every job and queue consumer primes its first invocation");
    for (String reachesAWrite : List.of("RedistributionJobFunction", "PayoutJobFunction", "PaymentFileFunction",
        "EmailSenderFunction", "SesEventFunction")) {
      assertTrue(notSent.get(reachesAWrite) > 0, "the dry run went as far as a write (not sent): " + notSent);
    }
    Scenario.assertUnchanged(before, s.snapshot(), "after priming every function");
    assertEquals(depths, runtime.queueDepths(), "no message sent");
    assertEquals(mails, runtime.emulators().mailbox().all().size(), "no e-mail sent");
  }
}
