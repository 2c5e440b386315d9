package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;

/**
 * The synthetic grant over care units ({@link SyntheticGrant}) played through its year on the local stack, as
 * {@link NextGrant} plays the example grant: published; the owners' ombud (regions and municipalities) registered
 * with their payout accounts approved; every unit's requisition by its owner's ombud (a seeded mix: most the full
 * amount, some part, some none, some amended, some too late); the deadline, the redistribution, the payouts
 * attested and the pain.001 files; then, if asked, the reporting year: a link per unit, reports, reminders,
 * invoices. The grant is not run by the daily schedules ({@code "scheduledJobs": false}): the player invokes the
 * jobs for it by name, as an operator may ({@code {"grantId": ...}}). Every phase is timed; the grant's DynamoDB
 * calls are counted per recipient ({@link GrantCalls}); its money is checked ({@link GrantFigures}).
 */
public final class LargeGrant {
  static final String G = "/grants/" + SyntheticGrant.GRANT_ID;

  /** What the play measured and checked. */
  public record Result(int units, Map<String, Double> phaseSeconds, ObjectNode phaseCalls, ObjectNode calls, Map<String, Boolean> checks,
      Map<String, String> why, List<String> failures, long emails, GrantFigures figures) {
    public boolean allChecksPass() {
      return failures.isEmpty() && checks.values().stream().allMatch(Boolean::booleanValue);
    }
  }

  private final LocalRuntime runtime;
  private final GrantYear year;
  private final Agency agency;
  private final Reporters reporters;
  private final PrintStream progress;
  private final Map<String, Double> phases = new LinkedHashMap<>();
  /** Per phase: the grant's DynamoDB calls, read and write units in it. */
  private final ObjectNode phaseCalls = Json.object();
  private long[] counted = new long[3];
  private final Map<String, Integer> refusedLate = new ConcurrentHashMap<>();
  private final long seed;
  private List<Mix.Plan> plans = List.of();

  /**
   * @param runtime a local stack into which the synthetic grant's bundle is uploaded
   *     ({@link LargeGrantRun#upload})
   */
  public LargeGrant(LocalRuntime runtime, long seed, PrintStream progress) {
    this.runtime = runtime;
    this.seed = seed;
    this.progress = progress;
    this.year = new GrantYear(runtime, seed, new PrintStream(OutputStream.nullOutputStream()));
    this.agency = new Agency(year.api, (ok, what) -> year.failures.add(what));
    agency.plays(SyntheticGrant.GRANT_ID);
    this.reporters = new Reporters(year);
  }

  /** Plays the year, with or without the reporting year, and reads the grant back. */
  public Result play(boolean reporting) {
    phase("allocation published", this::publish);
    phase("owners' ombud registered, payout accounts approved (per organisation)", this::owners);
    phase("requisitions by the owners' ombud (seeded mix), amendments", this::requisitions);
    phase("deadline: late requisitions refused, redistribution, payouts attested, pain.001", this::deadline);
    if (reporting) {
      phase("reporting: a link per unit, reports, reminders, corrections", this::reports);
      phase("reporting deadline: late reports, invoices", this::invoices);
    }
    GrantFigures[] read = new GrantFigures[1];
    phase("read back (the agency's lists, payment files, invoices) and checked", () -> read[0] = GrantFigures.read(
        year.api, SyntheticGrant.GRANT_ID, reporting, refusedLate,
        plans.stream().filter(p -> p.requisition() == Mix.Requisition.LATE).count()));
    GrantFigures f = read[0];
    Map<String, Boolean> checks = new LinkedHashMap<>(f.checks);
    Map<String, String> why = new LinkedHashMap<>(f.why);
    checks.put("everyUnitAllocated", f.recipients == plans.size() && f.recipients > 0);
    why.put("everyUnitAllocated", "every unit in the data has its allocation (" + f.recipients + ")");
    checks.put("queuesDrained", runtime.queueDepths().isEmpty());
    why.put("queuesDrained", "nothing left in any queue or dead-letter queue " + runtime.queueDepths());
    ObjectNode calls = GrantCalls.of(runtime.calls().invocations(), SyntheticGrant.GRANT_ID, plans.size());
    return new Result(plans.size(), phases, phaseCalls, calls, checks, why, List.copyOf(year.failures),
        runtime.emulators().mailbox().all().size(), f);
  }

  private void phase(String name, Runnable step) {
    long t0 = System.nanoTime();
    step.run();
    double s = (System.nanoTime() - t0) / 1e9;
    phases.put(name, s);
    ObjectNode now = GrantCalls.of(runtime.calls().invocations(), SyntheticGrant.GRANT_ID, 1);
    long[] total = {now.path("dynamodbCalls").asLong(), now.path("readUnits").asLong(), now.path("writeUnits").asLong()};
    double n = Math.max(1, plans.size());
    phaseCalls.putObject(name).put("dynamodbCalls", total[0] - counted[0])
        .put("callsPerRecipient", Math.round((total[0] - counted[0]) / n * 100) / 100.0)
        .put("readUnitsPerRecipient", Math.round((total[1] - counted[1]) / n * 100) / 100.0)
        .put("writeUnitsPerRecipient", Math.round((total[2] - counted[2]) / n * 100) / 100.0);
    counted = total;
    progress.printf("  %-76s %7.1f s %7.2f calls %8.2f RRU %8.2f WRU per recipient%n", name, s,
        phaseCalls.path(name).path("callsPerRecipient").asDouble(),
        phaseCalls.path(name).path("readUnitsPerRecipient").asDouble(),
        phaseCalls.path(name).path("writeUnitsPerRecipient").asDouble());
  }

  /** 3 February 2026: the allocation is published; the mix is drawn over its units. */
  private void publish() {
    runtime.clock().set(GrantYear.at("2026-02-03T09:00"));
    EService api = year.api;
    Http.Response published = api.send("POST", G + "/allocations:publish", api.handlaggare, null, Map.of());
    year.expect(published.status() == 201 || published.status() == 200, "publish " + SyntheticGrant.GRANT_ID,
        published);
    List<Mix.Recipient> recipients = new ArrayList<>();
    for (JsonNode a : api.get(G + "/allocations", api.handlaggare).json().path("allocations")) {
      recipients.add(new Mix.Recipient(a.path("recipientId").asText(), a.path("orgnr").asText(),
          a.path("total").asLong()));
    }
    plans = Mix.draw(seed, recipients);
    year.plans = plans;
  }

  /** Each owning organisation's ombud is registered, registers its bankgiro, and the attestant approves it. */
  private void owners() {
    List<String> orgs = plans.stream().map(Mix.Plan::orgnr).distinct().sorted().toList();
    year.parallel(orgs, orgnr -> {
      Http.Response r = year.api.send("PUT", "/organisations/" + orgnr + "/ombud", year.api.handlaggare,
          Json.write(Json.object().put("subject", "ombud-" + orgnr).put("name", People.ombud(orgnr))
              .put("email", "ombud@" + orgnr + ".example.se")), Map.of());
      year.expect(r.status() / 100 == 2, "ombud of " + orgnr, r);
    });
    runtime.clock().set(GrantYear.at("2026-02-04T10:00"));
    year.parallel(orgs, agency::account);
  }

  /** 3 March 2026 the requisitions; in the afternoon the amendments. */
  private void requisitions() {
    runtime.clock().set(GrantYear.at("2026-03-03T10:00"));
    List<Mix.Plan> submitting = plans.stream().filter(p -> p.requisition() == Mix.Requisition.FULL
        || p.requisition() == Mix.Requisition.PART).toList();
    year.parallel(submitting, p -> {
      Http.Response r = year.putRequisition(SyntheticGrant.GRANT_ID, p, p.requested(), "lg-" + p.recipientId() + "-1",
          null);
      year.expect(r.status() == 201, "requisition of " + p.recipientId(), r);
    });
    runtime.clock().set(GrantYear.at("2026-03-03T15:00"));
    year.parallel(submitting.stream().filter(Mix.Plan::amends).toList(), p -> {
      Http.Response r = year.putRequisition(SyntheticGrant.GRANT_ID, p, p.amended(), "lg-" + p.recipientId() + "-2",
          "\"1\"");
      year.expect(r.status() == 200, "amendment of " + p.recipientId(), r);
    });
  }

  /**
   * 17 April 2026: late requisitions refused; the redistribution job run for the grant; then each morning the
   * payout job, and the attestant approves its batch, until every batch is in a payment file.
   */
  private void deadline() {
    runtime.clock().set(GrantYear.at("2026-04-17T01:00"));
    year.parallel(plans.stream().filter(p -> p.requisition() == Mix.Requisition.LATE).toList(), p -> {
      Http.Response r = year.putRequisition(SyntheticGrant.GRANT_ID, p, p.allocation(), "lg-" + p.recipientId()
          + "-late", null);
      year.expect(r.status() / 100 == 4, "late requisition of " + p.recipientId() + " must be refused", r);
      refusedLate.put(p.recipientId(), r.status());
    });
    day("2026-04-17T02:00", "RedistributionJobFunction");
    Instant morning = GrantYear.at("2026-04-17T06:00");
    for (int i = 0; i < 2 || agency.unsettled() > 0 && i < 6; i++, morning = morning.plus(Duration.ofDays(1))) {
      day(morning, "PayoutJobFunction");
    }
    Http.Response redistribution = year.api.get(G + "/redistribution", year.api.handlaggare);
    year.expect(redistribution.status() == 200 && !redistribution.json().path("shares").isMissingNode(),
        "the redistribution of " + SyntheticGrant.GRANT_ID, redistribution);
  }

  /** The reporting year 2027: links, three batches of reports with reminders between, corrections. */
  private void reports() {
    day("2027-02-01T07:00", "ReportingJobFunction");
    reporters.collectTokens();
    runtime.clock().set(GrantYear.at("2027-02-20T10:00"));
    reporters.report(Mix.Reporting.BATCH_1, false);
    runtime.deliverQueues(Duration.ofMinutes(10));
    day("2027-03-11T07:00", "ReportingJobFunction", "InvoicingJobFunction");
    runtime.clock().set(GrantYear.at("2027-03-20T10:00"));
    reporters.report(Mix.Reporting.BATCH_2, false);
    reporters.report(Mix.Reporting.BATCH_1, true);
    runtime.deliverQueues(Duration.ofMinutes(10));
    day("2027-03-26T07:00", "ReportingJobFunction", "InvoicingJobFunction");
    runtime.clock().set(GrantYear.at("2027-03-30T10:00"));
    reporters.report(Mix.Reporting.BATCH_3, false);
    runtime.deliverQueues(Duration.ofMinutes(10));
  }

  /** After the reporting deadline: the last reminder, late reports, and the invoicing runs. */
  private void invoices() {
    day("2027-04-01T07:30", "ReportingJobFunction", "InvoicingJobFunction");
    runtime.clock().set(GrantYear.at("2027-04-10T10:00"));
    reporters.report(Mix.Reporting.LATE, false);
    runtime.deliverQueues(Duration.ofMinutes(10));
    day("2027-04-11T07:30", "InvoicingJobFunction");
  }

  private void day(String stockholmLocal, String... jobs) {
    day(GrantYear.at(stockholmLocal), jobs);
  }

  /**
   * Sets the clock (no schedule fires: this grant is not scheduled), invokes each job for this grant as Lambda's
   * asynchronous invocation would, lets the queues run, and the attestant approves what the day proposed.
   */
  private void day(Instant at, String... jobs) {
    runtime.clock().set(at);
    for (String job : jobs) {
      var outcome = runtime.async().invoke(runtime.function(job), Map.<String, Object>of("grantId", SyntheticGrant.GRANT_ID),
          "operator " + job);
      if (!outcome.succeeded()) {
        year.failures.add(job + " for " + SyntheticGrant.GRANT_ID + " failed: " + outcome.result());
      }
      runtime.deliverQueues(Duration.ofMinutes(10));
    }
    if (agency.approveBatches() > 0) {
      runtime.deliverQueues(Duration.ofMinutes(10));
    }
    runtime.redriveDeadLetters();
    runtime.deliverQueues(Duration.ofMinutes(10));
  }
}
