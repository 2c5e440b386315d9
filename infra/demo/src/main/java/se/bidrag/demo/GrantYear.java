package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.LocalScheduler;

/**
 * The 2025 grant year, played end to end on the local stack through the API, the queues, the
 * schedules and the clock: allocation, payout accounts, requisitions (a seeded mix), redistribution
 * and payouts under four eyes (a batch rejected and proposed again, every batch approved by someone
 * who did not propose it), the reporting year with its reminders, reports, the invoices, a recovery
 * and a waiver. While the 2025 grant is in reporting, the next year's grant ({@link NextGrant}, an
 * example definition) opens, takes requisitions and passes its deadline in the same stack, the same
 * daily jobs serving both. Everything goes through the same paths as on AWS; the demo only plays the
 * people (ombud, reporters, the agency's handläggare and attestant) and the operator who redrives dead
 * letters after an alarm.
 */
public final class GrantYear {
  public static final String GRANT = "god-och-nara-vard-2025";
  static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final int CLIENTS = 8;

  private final LocalRuntime runtime;
  private final long seed;
  private final PrintStream progress;
  final EService api;
  private final Reporters reporters = new Reporters(this);
  final Map<String, Integer> refusedLate = new ConcurrentHashMap<>();
  final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  final Map<String, Double> phaseSeconds = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> grantPhases = new LinkedHashMap<>();
  private final List<NextGrant> next = new ArrayList<>();
  final AtomicInteger redriven = new AtomicInteger();
  final Agency agency;
  final AtomicInteger rejectedBatches = new AtomicInteger();
  /** Organisations whose ombud registers the payout account only after the first payout (they are reminded). */
  final java.util.Set<String> lateAccounts = new java.util.TreeSet<>();
  List<Mix.Plan> plans;
  /** The functions' log, checked for personal data; null when the log goes elsewhere. */
  private final java.nio.file.Path functionLog;

  public GrantYear(LocalRuntime runtime, long seed, PrintStream progress) {
    this(runtime, seed, progress, null);
  }

  /** With the file the functions' log goes to, which the summary checks for e-mail addresses and names. */
  public GrantYear(LocalRuntime runtime, long seed, PrintStream progress, java.nio.file.Path functionLog) {
    this.runtime = runtime;
    this.seed = seed;
    this.progress = progress;
    this.functionLog = functionLog;
    this.api = new EService(runtime);
    this.agency = new Agency(api, (ok, what) -> failures.add(what));
    agency.plays(GRANT);
  }

  /** Plays the next year's grant too, overlapping 2025's reporting (its bundle is uploaded from the demo's grants/). */
  public GrantYear withNextGrant(String grantId) {
    next.add(new NextGrant(this, grantId, seed + 2026));
    agency.plays(grantId);
    return this;
  }

  List<NextGrant> next() {
    return next;
  }

  /** Per grant: its phases and how long each took. */
  Map<String, Map<String, Double>> grantPhases() {
    return grantPhases;
  }

  java.nio.file.Path functionLog() {
    return functionLog;
  }

  static Instant at(String stockholmLocal) {
    return LocalDateTime.parse(stockholmLocal).atZone(STOCKHOLM).toInstant();
  }

  /** Plays the year; the figures are read back from the system afterwards ({@link YearSummary}). */
  public YearSummary play() {
    next.forEach(NextGrant::upload); // the next year's grant is data, uploaded to the stack (not bundled)
    phase(GRANT, "allocation published, ombud registered", this::allocate);
    phase(GRANT, "requisitions (seeded mix), amendments", this::requisitions);
    phase(GRANT, "payout accounts: registered by each ombud, approved by the attestant", this::accounts);
    phase(GRANT, "deadline passed: redistribution, payout batches attested (one rejected), pain.001",
        this::redistributeAndPay);
    phase(GRANT, "2026: reporting links", this::dispatch);
    next.forEach(n -> phase(n.grantId, "allocation published", n::open));
    phase(GRANT, "reports (first batch)", this::firstReports);
    next.forEach(n -> phase(n.grantId, "requisitions (seeded mix), amendments", n::requisitions));
    phase(GRANT, "reminders, reports, corrections", this::moreReports);
    phase(GRANT, "reporting deadline passed: late reports, invoices, a recovery and a waiver", this::lastReports);
    phase(GRANT, "operator: dead letters redriven, queues drained", this::settle);
    next.forEach(n -> phase(n.grantId, "deadline passed: late requisitions refused, redistribution, payouts attested",
        n::deadline));
    if (!next.isEmpty()) {
      phase(next.get(0).grantId, "operator: queues drained", () -> settle(at("2026-04-27T08:00")));
    }
    long t0 = System.nanoTime();
    YearSummary summary = YearSummary.read(this);
    phaseSeconds.put("summary read back and checked", (System.nanoTime() - t0) / 1e9);
    return summary;
  }

  private void phase(String grantId, String name, Runnable step) {
    long t0 = System.nanoTime();
    step.run();
    double s = (System.nanoTime() - t0) / 1e9;
    String shown = (grantId.equals(GRANT) ? "" : grantId + ": ") + name;
    phaseSeconds.put(shown, s);
    grantPhases.computeIfAbsent(grantId, k -> new LinkedHashMap<>()).put(name, s);
    progress.printf("  %-100s %5.1f s%n", shown, s);
  }

  LocalRuntime runtime() {
    return runtime;
  }

  long plansSeed() {
    return seed;
  }

  // ---------------------------------------------------------------- the year

  private void allocate() {
    runtime.clock().set(at("2025-02-03T09:00"));
    Http.Response published = api.send("POST", "/grants/" + GRANT + "/allocations:publish", api.handlaggare, null,
        Map.of());
    expect(published.status() == 201 || published.status() == 200, "publish", published);
    List<Mix.Recipient> recipients = new ArrayList<>();
    for (JsonNode a : api.get("/grants/" + GRANT + "/allocations", api.handlaggare).json().path("allocations")) {
      recipients.add(new Mix.Recipient(a.path("recipientId").asText(), a.path("orgnr").asText(),
          a.path("total").asLong()));
    }
    plans = Mix.draw(seed, recipients);
    parallel(plans.stream().map(Mix.Plan::orgnr).distinct().toList(), orgnr -> {
      Http.Response r = api.send("PUT", "/organisations/" + orgnr + "/ombud", api.handlaggare, Json.write(Json.object()
          .put("subject", "ombud-" + orgnr).put("name", People.ombud(orgnr)).put("email", "ombud@" + orgnr
              + ".example.se")), Map.of());
      expect(r.status() / 100 == 2, "ombud of " + orgnr, r);
    });
  }

  /** Every organisation's ombud registers its bankgiro and the attestant approves it, but for a few that come late. */
  private void accounts() {
    runtime.clock().set(at("2025-04-02T10:00")); // the registry mailboxes are known from the requisitions
    List<String> paying = plans.stream().filter(p -> p.requisition() == Mix.Requisition.FULL
        || p.requisition() == Mix.Requisition.PART).map(Mix.Plan::orgnr).distinct().sorted().toList();
    java.util.Random random = new java.util.Random(seed + 14);
    while (lateAccounts.size() < Math.min(3, paying.size())) {
      lateAccounts.add(paying.get(random.nextInt(paying.size())));
    }
    parallel(plans.stream().map(Mix.Plan::orgnr).distinct().filter(o -> !lateAccounts.contains(o)).toList(),
        agency::account);
  }

  static String registry(String recipientId) {
    return "registrator@" + recipientId + ".example.se";
  }

  private static ObjectNode requisition(String recipientId, long amount, boolean wants, String registryEmail) {
    ObjectNode o = Json.object().put("amount", amount);
    o.putArray("implementers").add("Hälso- och sjukvårdsförvaltningen");
    o.putArray("areas").add(1).add(2);
    o.put("wantsRemainingFunds", wants);
    o.putObject("contact").put("name", People.contact(recipientId)).put("email", "kontakt@" + recipientId
        + ".example.se");
    o.put("registryEmail", registryEmail);
    o.put("signedBy", "Ombudet");
    return o;
  }

  Http.Response putRequisition(String grantId, Mix.Plan p, long amount, String key, String ifMatch) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Idempotency-Key", key);
    if (ifMatch != null) {
      headers.put("If-Match", ifMatch);
    }
    return api.send("PUT", "/grants/" + grantId + "/requisitions/" + p.recipientId(), api.ombud(p.orgnr()),
        Json.write(requisition(p.recipientId(), amount, p.wantsRemainingFunds(), registry(p.recipientId()))), headers);
  }

  private void requisitions() {
    runtime.clock().set(at("2025-03-03T10:00"));
    List<Mix.Plan> submitting = plans.stream().filter(p -> p.requisition() == Mix.Requisition.FULL
        || p.requisition() == Mix.Requisition.PART).toList();
    parallel(submitting, p -> {
      Http.Response r = putRequisition(GRANT, p, p.requested(), "demo-" + p.recipientId() + "-1", null);
      expect(r.status() == 201, "requisition of " + p.recipientId(), r);
    });
    runtime.clock().set(at("2025-04-01T10:00"));
    parallel(submitting.stream().filter(Mix.Plan::amends).toList(), p -> {
      Http.Response r = putRequisition(GRANT, p, p.amended(), "demo-" + p.recipientId() + "-2", "\"1\"");
      expect(r.status() == 200, "amendment of " + p.recipientId(), r);
    });
  }

  private void redistributeAndPay() {
    runtime.clock().set(at("2025-04-18T08:00"));
    parallel(plans.stream().filter(p -> p.requisition() == Mix.Requisition.LATE).toList(), p -> {
      Http.Response r = putRequisition(GRANT, p, p.allocation(), "demo-" + p.recipientId() + "-late", null);
      expect(r.status() / 100 == 4, "late requisition of " + p.recipientId() + " must be refused", r);
      refusedLate.put(p.recipientId(), r.status());
    });
    fireOnly(at("2025-04-18T08:00")); // the redistribution (02:00) and the day's payout (06:00): a batch is proposed
    // the attestant rejects it (its orders go back to "not paid"); the handläggare proposes it again, may not
    // approve her own batch, and the attestant approves it: the first payment file
    rejectedBatches.addAndGet(agency.rejectBatches("Underlaget ska stämmas av mot beslutet om omfördelning först."));
    agency.proposeAndHaveApproved();
    runtime.deliverQueues(Duration.ofMinutes(5));
    // the organisations without an approved account were reminded; their ombud register one now, the attestant approves
    runtime.clock().set(at("2025-04-18T14:00"));
    parallel(List.copyOf(lateAccounts), agency::account);
    // the next days' payouts propose what is left (the late accounts' recipients; under faults, what a run that
    // died had prepared) and the attestant approves each day, until every batch is settled
    Instant day = at("2025-04-19T08:00");
    for (int i = 0; i < 2 || agency.unsettled() > 0 && i < 9; i++, day = day.plus(Duration.ofDays(1))) {
      fire(day);
    }
  }

  private void dispatch() {
    fire(at("2026-02-02T08:00"));
    reporters.collectTokens();
  }

  private void firstReports() {
    runtime.clock().set(at("2026-02-20T10:00"));
    reporters.report(Mix.Reporting.BATCH_1, false);
  }

  private void moreReports() {
    fire(at("2026-03-11T08:00")); // first reminder
    runtime.clock().set(at("2026-03-20T10:00"));
    reporters.report(Mix.Reporting.BATCH_2, false);
    reporters.report(Mix.Reporting.BATCH_1, true); // corrections
    fire(at("2026-03-26T08:00")); // second reminder
    runtime.clock().set(at("2026-03-30T10:00"));
    reporters.report(Mix.Reporting.BATCH_3, false);
  }

  private void lastReports() {
    fire(at("2026-04-01T08:00")); // reminder after the deadline; invoicing lists the non-reporters
    runtime.clock().set(at("2026-04-02T10:00"));
    recoveriesAndWaivers();
    runtime.deliverQueues(Duration.ofMinutes(5));
    runtime.clock().set(at("2026-04-10T10:00"));
    reporters.report(Mix.Reporting.LATE, false);
    fire(at("2026-04-11T08:00"));
  }

  /**
   * {@link #fireOnly}, and the attestant approves what the day's runs proposed (the attestant's daily round).
   * Moving the clock fires schedules (a job that throws gets Lambda's asynchronous retries); the queues and
   * retries run, and the operator handles anything in a dead-letter or on-failure queue.
   */
  void fire(Instant instant) {
    fireOnly(instant);
    if (agency.approveBatches() > 0) {
      runtime.deliverQueues(Duration.ofMinutes(5));
    }
  }

  /** Moves the clock (schedules fire), lets the queues run, and plays the operator for anything in a dead-letter queue. */
  private void fireOnly(Instant instant) {
    for (LocalScheduler.Fired f : runtime.setClock(instant)) {
      if (!f.succeeded()) {
        progress.println("    (" + f.schedule() + " failed; Lambda retries it, then its on-failure queue; the operator "
            + "redrives what is left there)");
      }
    }
    runtime.deliverQueues(Duration.ofMinutes(5));
    redriven.addAndGet(runtime.redriveDeadLetters());
    runtime.deliverQueues(Duration.ofMinutes(5));
  }

  /** A recovery and a waiver from the first two recipients the agency lists as never having reported. */
  private void recoveriesAndWaivers() {
    List<String> listed = new ArrayList<>();
    api.get("/grants/" + GRANT + "/non-reporters", api.handlaggare).json().path("recipients")
        .forEach(r -> listed.add(r.path("recipientId").asText()));
    java.util.Collections.sort(listed);
    if (listed.size() >= 2) {
      agency.recoveriesAndWaivers(listed.get(0), 50_000, listed.get(1));
    } else {
      failures.add("the mix has fewer than two non-reporters for the recovery and the waiver: " + listed);
    }
  }

  /**
   * The operator's last round: dead letters redriven until none are left (a day apart, so claims can
   * expire); the attestant approves any batch a daily run proposed meanwhile.
   */
  private void settle() {
    settle(at("2026-04-12T08:00"));
  }

  private void settle(Instant from) {
    Instant t = from;
    for (int round = 0; round < 10; round++) {
      fire(t);
      if (runtime.queueDepths().isEmpty()) {
        return;
      }
      t = t.plus(Duration.ofDays(1));
    }
    failures.add("queues still hold messages after 10 rounds: " + runtime.queueDepths());
  }

  // ---------------------------------------------------------------- helpers

  <T> void parallel(List<T> items, Consumer<T> action) {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> action.accept(item)));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  void expect(boolean ok, String what, Http.Response r) {
    if (!ok) {
      String body = r.body();
      failures.add(what + ": HTTP " + r.status() + " " + (body.length() > 300 ? body.substring(0, 300) : body));
    }
  }
}
