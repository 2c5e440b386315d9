package se.bidrag.integration.requisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.integration.Scenario;

/** The rules hold under concurrency: conditional writes and transactions, not read-then-write. */
@ExtendWith(LocalStackExtension.class)
class RequisitionConcurrencyIT {
  static final String KOMMUN = "kommun-0114";
  Scenario s;

  @BeforeEach
  void publish(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
  }

  private static <T> List<T> all(int threads, List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks)) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fiftyConcurrentSubmissionsLeaveOneRequisitionAndACompleteAuditTrail() throws Exception {
    String token = s.ombud(s.orgnr(KOMMUN));
    List<Callable<Http.Response>> creates = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      long amount = 1000L * i;
      creates.add(() -> s.put(KOMMUN, token, s.form(amount, true), Map.of()));
    }
    List<Http.Response> responses = all(50, creates);
    Map<Integer, Integer> statuses = new HashMap<>();
    responses.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
    assertEquals(1, statuses.get(201), statuses.toString());
    assertEquals(49, statuses.get(412), statuses.toString());

    // then 50 concurrent amendments of version 1: exactly one wins
    List<Callable<Http.Response>> amends = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      long amount = 100_000L + i;
      amends.add(() -> s.put(KOMMUN, token, s.form(amount, true), Map.of("If-Match", "\"1\"")));
    }
    Map<Integer, Integer> amendStatuses = new HashMap<>();
    all(50, amends).forEach(r -> amendStatuses.merge(r.status(), 1, Integer::sum));
    assertEquals(Map.of(200, 1, 412, 49), amendStatuses);

    JsonNode current = s.http.get(s.path(KOMMUN), token).json();
    assertEquals(2, current.path("version").asLong());
    List<Map<String, AttributeValue>> audit = s.audit("requisition/" + Scenario.GRANT + "/" + KOMMUN);
    assertEquals(2, audit.size(), "one audit entry per version");
    assertTrue(audit.get(1).get("after").s().contains("\"amount\":" + current.path("amount").asLong()));
    assertTrue(audit.get(1).get("before").s().contains("\"version\":1"));
    JsonNode pots = s.http.get("/grants/" + Scenario.GRANT + "/requisitions", s.handlaggare).json().path("pots");
    for (JsonNode p : pots) {
      long expected = p.path("potId").asText().equals("kommun-care-and-population") ? current.path("amount").asLong() : 0;
      assertEquals(expected, p.path("counter").asLong(), p.toString());
    }
  }

  @Test
  void allRecipientsRequisitioningAtOnceAreAllAcceptedAndTheSumsAreExact() throws Exception {
    List<String> recipients = s.recipientIds();
    assertEquals(311, recipients.size());
    Map<String, String> tokens = new HashMap<>();
    for (String r : recipients) {
      tokens.put(r, s.ombud(s.orgnr(r)));
    }
    List<Callable<Http.Response>> tasks = new ArrayList<>();
    for (String r : recipients) {
      long full = s.allocation(r).path("total").asLong();
      tasks.add(() -> s.put(r, tokens.get(r), s.form(full, true), Map.of()));
    }
    List<Http.Response> responses = all(32, tasks);
    for (Http.Response r : responses) {
      assertEquals(201, r.status(), r.body());
    }
    JsonNode list = s.http.get("/grants/" + Scenario.GRANT + "/requisitions", s.handlaggare).json();
    assertEquals(3_674_000_000L, list.path("totals").path("requisitioned").asLong());
    assertEquals(311, list.path("totals").path("accepted").asInt());
    assertEquals(0, list.path("totals").path("notRequisitioned").asInt());
    for (JsonNode p : list.path("pots")) {
      assertEquals(p.path("amount").asLong(), p.path("requisitioned").asLong(), p.toString());
      assertEquals(p.path("amount").asLong(), p.path("counter").asLong(), "the counters agree: " + p);
    }
  }
}
