package se.bidrag.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;

/** {@code ./bidrag bench ...}: the one entry to every benchmark. They print figures; they are not tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks that print figures (not tests).",
    subcommands = {BenchCommand.Requisitions.class, BenchCommand.Email.class, BurstBench.class, ColdStartBench.class, TelemetryBench.class,
        JmhBench.Allocation.class, JmhBench.Documents.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Latencies of one run, in nanoseconds. */
  record Figures(long requests, long errors, double seconds, long[] latencies) {
    double percentileMs(double p) {
      if (latencies.length == 0) {
        return 0;
      }
      int i = (int) Math.min(latencies.length - 1, Math.ceil(p / 100.0 * latencies.length) - 1);
      return latencies[Math.max(0, i)] / 1e6;
    }

    String line(String what) {
      return String.format("%-34s %7d requests %5d errors %8.1f req/s   p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   max %6.1f ms",
          what, requests, errors, requests / seconds, percentileMs(50), percentileMs(90), percentileMs(99),
          percentileMs(100));
    }
  }

  @Command(name = "requisitions", mixinStandardHelpOptions = true,
      description = "PUT requisition through the local API (real HTTP, DynamoDB Local) with concurrent clients.")
  static final class Requisitions implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds after warm-up (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public Integer call() throws Exception {
      try (LocalRuntime runtime = LocalRuntime.options().clock(Instant.parse("2025-03-03T08:00:00Z"), false).fastRetries().start()) {
        LoadClient client = new LoadClient(runtime);
        List<JsonNode> recipients = client.publishAndRegister();
        System.out.println("local stack up; " + recipients.size() + " recipients with registered ombud");
        long[] versions = new long[recipients.size()];
        Figures create = client.run(recipients, versions, Math.min(clients, recipients.size()), 0);
        System.out.println(create.line("create (each recipient once)"));
        client.run(recipients, versions, clients, 3); // warm-up
        Figures amend = client.run(recipients, versions, clients, seconds);
        System.out.println(amend.line("amend, " + clients + " clients, " + seconds + " s"));
      }
      return 0;
    }
  }

  @Command(name = "email", mixinStandardHelpOptions = true,
      description = "E-mails per second the sender achieves against the SES emulator, at a given SES quota.")
  static final class Email implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "400", description = "E-mail jobs to send (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rate", defaultValue = "1000", description = "The SES quota, sends/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Override
    public Integer call() {
      try (LocalRuntime runtime = LocalRuntime.options().clock(Instant.parse("2026-02-02T06:00:00Z"), false).fastRetries()
          .parameter("SesMaxSendRate", Integer.toString(rate)).start()) {
        var outbox = new se.bidrag.notification.SqsEmailOutbox(runtime.platform().sqs(), runtime.queueUrl("EmailQueue"));
        List<se.bidrag.notification.EmailJob> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          jobs.add(new se.bidrag.notification.EmailJob("bench:" + i, "registrator" + i + "@example.se",
              "Återrapportering " + i, "Text " + i, "<p>Text " + i + "</p>", List.of(), java.util.Map.of("grant", "bench")));
        }
        outbox.enqueue(jobs);
        long t0 = System.nanoTime();
        runtime.deliverQueues(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        int received = runtime.emulators().mailbox().all().size();
        System.out.printf("%d e-mails sent (%d received by the SES emulator) in %.2f s: %.1f e-mails/s at a quota of %d/s%n",
            count, received, seconds, count / seconds, rate);
      }
      return 0;
    }
  }

  /** Drives the local API as the e-service would. */
  static final class LoadClient {
    final LocalRuntime runtime;
    final Http http;
    final String admin;

    LoadClient(LocalRuntime runtime) {
      this.runtime = runtime;
      this.http = new Http(runtime.api().uri());
      this.admin = runtime.jwt().mintAgency("bench-handlaggare", "2021000555", List.of("handlaggare", "attestant"), "Bench",
          Duration.ofHours(2));
    }

    Http.Response send(String method, String path, String token, String body, String ifMatch) {
      return http.send(method, path, token, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    /** Publishes the 2025 allocation and registers an ombud for every organisation; returns the allocations. */
    List<JsonNode> publishAndRegister() throws Exception {
      send("POST", "/grants/god-och-nara-vard-2025/allocations:publish", admin, null, null);
      List<JsonNode> recipients = new ArrayList<>();
      java.util.Set<String> registered = new java.util.HashSet<>();
      for (JsonNode a : Json.parse(send("GET", "/grants/god-och-nara-vard-2025/allocations", admin, null, null).body())
          .path("allocations")) {
        recipients.add(a);
        String orgnr = a.path("orgnr").asText();
        if (registered.add(orgnr)) {
          send("PUT", "/organisations/" + orgnr + "/ombud", admin,
              Json.write(Json.object().put("subject", "ombud-" + orgnr).put("name", "Ombud")), null);
        }
      }
      return recipients;
    }

    private final java.util.Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** The organisation's ombud token, minted once (as the e-service reuses a session's token). */
    String ombud(JsonNode recipient) {
      String orgnr = recipient.path("orgnr").asText();
      return tokens.computeIfAbsent(orgnr, o -> runtime.jwt().mint("ombud-" + o, o, "ombud", "Ombud", Duration.ofHours(2)));
    }

    static String body(long amount) {
      ObjectNode o = Json.object().put("amount", amount);
      o.putArray("implementers").add("Förvaltningen");
      o.putArray("areas").add(1).add(2);
      o.put("wantsRemainingFunds", true);
      o.putObject("contact").put("name", "Kontakt").put("email", "kontakt@example.se");
      o.put("registryEmail", "registrator@example.se");
      o.put("signedBy", "Ombud");
      return Json.write(o);
    }

    /**
     * Each client owns every n-th recipient and PUTs its requisitions in turn (amending with the
     * version it holds). seconds == 0: one pass creating each once.
     */
    Figures run(List<JsonNode> recipients, long[] versions, int clients, int seconds) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      AtomicLong errors = new AtomicLong();
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long start = System.nanoTime();
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          long[] lat = new long[1024];
          int n = 0;
          int round = 0;
          do {
            for (int i = client; i < recipients.size(); i += clients) {
              JsonNode r = recipients.get(i);
              long total = r.path("total").asLong();
              long amount = Math.max(1, total - (round * 7919L + i) % Math.max(1, total));
              String ifMatch = versions[i] == 0 ? null : "\"" + versions[i] + "\"";
              String token = ombud(r);
              String body = body(amount);
              long t0 = System.nanoTime();
              Http.Response resp = send("PUT", "/grants/god-och-nara-vard-2025/requisitions/"
                  + r.path("recipientId").asText(), token, body, ifMatch);
              long t = System.nanoTime() - t0;
              if (n == lat.length) {
                lat = Arrays.copyOf(lat, n * 2);
              }
              lat[n++] = t;
              if (resp.status() / 100 == 2) {
                String etag = resp.header("ETag");
                versions[i] = Long.parseLong((etag == null ? "\"0\"" : etag).replace("\"", ""));
              } else {
                errors.incrementAndGet();
              }
              if (seconds > 0 && System.nanoTime() > deadline) {
                break;
              }
            }
            round++;
          } while (seconds > 0 && System.nanoTime() < deadline);
          return Arrays.copyOf(lat, n);
        }));
      }
      List<long[]> parts = new ArrayList<>();
      for (Future<long[]> f : futures) {
        parts.add(f.get());
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      pool.shutdown();
      long[] all = parts.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Figures(all.length, errors.get(), elapsed, all);
    }
  }
}
