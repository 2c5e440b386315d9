package se.bidrag.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The deadline-day burst: every recipient's ombud submits at the same moment, then amends again and
 * again from two sessions at once (two browser tabs), each amendment conditional on the version the
 * session last saw (If-Match); a session that loses the race (412) reads the requisition again and
 * retries. Afterwards, per recipient: the version equals the writes that succeeded, the audit trail
 * has one entry per version, the stored amount is the one the last successful write sent, and the
 * pot counters equal the sum of the requisitions. Prints p50/p99 and exits 1 on any lost update.
 */
@Command(name = "burst", mixinStandardHelpOptions = true,
    description = "Deadline-day burst: all 311 recipients submit and amend at once, from two sessions each, "
        + "repeatedly, through the local API; checks that no update was lost and prints p50/p99.")
final class BurstBench implements Callable<Integer> {
  private static final String GRANT = "god-och-nara-vard-2025";

  @Option(names = "--rounds", defaultValue = "5", description = "Successful amendments per session (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--sessions", defaultValue = "2", description = "Concurrent sessions per recipient (default: ${DEFAULT-VALUE}).")
  int sessions;

  @Override
  public Integer call() throws Exception {
    try (LocalRuntime runtime = LocalRuntime.options().clock(Instant.parse("2025-04-17T21:00:00Z"), false).fastRetries().start()) {
      BenchCommand.LoadClient client = new BenchCommand.LoadClient(runtime);
      List<JsonNode> recipients = client.publishAndRegister();
      int n = recipients.size();
      System.out.printf("local stack up; %d recipients, %d sessions each, %d amendments per session; the clock at "
          + "23:00 on the deadline day (Stockholm)%n", n, sessions, rounds);

      AtomicLongArray successes = new AtomicLongArray(n); // successful writes per recipient
      long[][] lastAmount = new long[n][2]; // {version, amount} of the highest version a session was given
      AtomicLongArray sequence = new AtomicLongArray(n); // makes every write's amount distinct (no "same plan re-sent")
      AtomicLong conflicts = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      ExecutorService pool = Executors.newFixedThreadPool(n * sessions);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<long[]>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int s = 0; s < sessions; s++) {
          int recipient = i;
          int session = s;
          futures.add(pool.submit(() -> {
            JsonNode r = recipients.get(recipient);
            String path = "/grants/" + GRANT + "/requisitions/" + r.path("recipientId").asText();
            String token = client.ombud(r);
            long total = r.path("total").asLong();
            long[] lat = new long[64];
            int k = 0;
            start.await();
            String version = null; // nothing seen yet: the first PUT creates (or loses to the other session)
            int done = 0;
            while (done < rounds + 1) {
              long amount = total - sequence.incrementAndGet(recipient);
              long t0 = System.nanoTime();
              Http.Response resp = client.send("PUT", path, token, BenchCommand.LoadClient.body(amount), version);
              long t = System.nanoTime() - t0;
              if (k == lat.length) {
                lat = Arrays.copyOf(lat, k * 2);
              }
              lat[k++] = t;
              int status = resp.status();
              if (status == 200 || status == 201) {
                long sent = version == null ? 0 : Long.parseLong(version.replace("\"", ""));
                version = java.util.Objects.requireNonNull(resp.header("ETag"), "ETag");
                long v = Long.parseLong(version.replace("\"", ""));
                if (v != sent + 1) {
                  errors.incrementAndGet();
                  System.err.println("a write on v" + sent + " answered v" + v + " for " + path);
                }
                successes.incrementAndGet(recipient);
                synchronized (lastAmount[recipient]) {
                  if (v > lastAmount[recipient][0]) {
                    lastAmount[recipient][0] = v;
                    lastAmount[recipient][1] = amount;
                  }
                }
                done++;
              } else if (status == 412 || status == 409 || status == 428) {
                // lost the race (or created by the other session): read the current version and try again
                conflicts.incrementAndGet();
                Http.Response current = client.send("GET", path, token, null, null);
                version = current.status() == 200 ? current.header("ETag") : null;
              } else {
                errors.incrementAndGet();
                System.err.println("unexpected " + status + " for " + path + ": " + resp.body());
                done++;
              }
            }
            return Arrays.copyOf(lat, k);
          }));
        }
      }
      long t0 = System.nanoTime();
      start.countDown();
      List<long[]> parts = new ArrayList<>();
      for (Future<long[]> f : futures) {
        parts.add(f.get());
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      pool.shutdown();
      long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      BenchCommand.Figures figures = new BenchCommand.Figures(all.length, errors.get(), seconds, all);
      System.out.println(figures.line("PUT requisition, " + n * sessions + " sessions"));
      System.out.printf("%d writes succeeded, %d lost a race and retried (412/409), %d unexpected answers%n",
          Arrays.stream(toArray(successes)).sum(), conflicts.get(), errors.get());

      // what the system holds, against what the sessions were told
      List<String> lost = new ArrayList<>();
      JsonNode list = Json.parse(client.send("GET", "/grants/" + GRANT + "/requisitions", client.admin, null, null).body());
      Map<String, JsonNode> byRecipient = new java.util.HashMap<>();
      list.path("requisitions").forEach(q -> byRecipient.put(q.path("recipientId").asText(), q));
      long sum = 0;
      for (int i = 0; i < n; i++) {
        String id = recipients.get(i).path("recipientId").asText();
        JsonNode q = byRecipient.get(id);
        long expected = successes.get(i);
        if (q == null) {
          lost.add(id + ": no requisition stored");
          continue;
        }
        sum += q.path("amount").asLong();
        if (q.path("version").asLong() != expected) {
          lost.add(id + ": version " + q.path("version") + " but " + expected + " writes succeeded");
        }
        if (q.path("version").asLong() != lastAmount[i][0] || q.path("amount").asLong() != lastAmount[i][1]) {
          lost.add(id + ": holds " + q.path("amount") + " (v" + q.path("version") + "), the last successful write sent "
              + lastAmount[i][1] + " (v" + lastAmount[i][0] + ")");
        }
        int audit = runtime.platform().dynamoDb().query(qr -> qr.tableName(runtime.table("BidragTable"))
            .keyConditionExpression("PK = :pk").select("COUNT").consistentRead(true)
            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("AUDIT#requisition/" + GRANT + "/" + id))))
            .count();
        if (audit != expected) {
          lost.add(id + ": " + audit + " audit entries for " + expected + " writes");
        }
      }
      if (list.path("totals").path("requisitioned").asLong() != sum) {
        lost.add("total " + list.path("totals").path("requisitioned") + " != sum of requisitions " + sum);
      }
      for (JsonNode pot : list.path("pots")) {
        if (pot.path("counter").asLong() != pot.path("requisitioned").asLong()) {
          lost.add("pot " + pot.path("potId") + ": counter " + pot.path("counter") + " != requisitioned "
              + pot.path("requisitioned"));
        }
      }
      if (lost.isEmpty()) {
        System.out.printf("No lost update: for all %d recipients version = successful writes = audit entries, the "
            + "stored amount is the last write's, pot counters = sums (%s kr).%n", n, sum);
        return 0;
      }
      lost.stream().limit(30).forEach(l -> System.out.println("  LOST: " + l));
      System.out.println(lost.size() + " discrepancies.");
      return 1;
    }
  }

  private static long[] toArray(AtomicLongArray a) {
    long[] out = new long[a.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i);
    }
    return out;
  }
}
