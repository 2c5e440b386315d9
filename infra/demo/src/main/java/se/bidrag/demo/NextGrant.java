package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import se.bidrag.local.Http;

/**
 * The next year's grant, played while the 2025 grant is in reporting and invoicing (February–April
 * 2026): its allocation is published, the same organisations' ombud requisition from it (a mix of
 * its own seed) and amend, late requisitions are refused after its deadline, and the first daily runs
 * after the deadline redistribute it and propose its payouts, which the attestant approves. The
 * organisations' payout accounts, registered in 2025, serve it unchanged. Its definition is an
 * example (the demo's {@code grants/} directory), not a decided grant.
 */
final class NextGrant {
  /** The example definition the demo plays as the next year's grant. */
  static final String EXAMPLE = "god-och-nara-vard-2026-exempel";

  final String grantId;
  private final GrantYear year;
  private final long seed;
  final Map<String, Integer> refusedLate = new ConcurrentHashMap<>();
  private List<Mix.Plan> plans = List.of();

  NextGrant(GrantYear year, String grantId, long seed) {
    this.year = year;
    this.grantId = grantId;
    this.seed = seed;
  }

  long lateMade() {
    return plans.stream().filter(p -> p.requisition() == Mix.Requisition.LATE).count();
  }

  /**
   * Before the year is played: the definition is uploaded as data, as {@code ./bidrag grant upload
   * infra/demo/grants/<id>} would (the same bundle again changes nothing).
   */
  void upload() {
    var runtime = year.runtime();
    var store = new se.bidrag.grant.DynamoGrantStore(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    new se.bidrag.grant.GrantUploads(store, se.bidrag.grant.GrantCatalog.withStore(store, runtime.clock()),
        new se.bidrag.allocation.BundleDataCheck(), runtime.clock())
        .upload(se.bidrag.grant.GrantBundle.read(se.bidrag.local.ProjectPaths.root().resolve("infra/demo/grants/" + grantId)),
            "demo");
  }

  /** 3 February 2026: the allocation is published (the organisations' ombud are registered already). */
  void open() {
    year.runtime().clock().set(GrantYear.at("2026-02-03T09:00"));
    EService api = year.api;
    Http.Response published = api.send("POST", "/grants/" + grantId + "/allocations:publish", api.handlaggare, null,
        Map.of());
    year.expect(published.status() == 201 || published.status() == 200, "publish " + grantId, published);
    List<Mix.Recipient> recipients = new ArrayList<>();
    for (JsonNode a : api.get("/grants/" + grantId + "/allocations", api.handlaggare).json().path("allocations")) {
      recipients.add(new Mix.Recipient(a.path("recipientId").asText(), a.path("orgnr").asText(),
          a.path("total").asLong()));
    }
    plans = Mix.draw(seed, recipients);
  }

  /**
   * 3 March 2026: the requisitions, and in the afternoon the amendments; the next morning's daily
   * payout run proposes them for payment, and a paid requisition can no longer be amended.
   */
  void requisitions() {
    year.runtime().clock().set(GrantYear.at("2026-03-03T10:00"));
    year.parallel(submitting(), p -> {
      Http.Response r = year.putRequisition(grantId, p, p.requested(), "demo-" + grantId + "-" + p.recipientId() + "-1",
          null);
      year.expect(r.status() == 201, "requisition of " + p.recipientId() + " in " + grantId, r);
    });
    year.runtime().clock().set(GrantYear.at("2026-03-03T15:00"));
    year.parallel(submitting().stream().filter(Mix.Plan::amends).toList(), p -> {
      Http.Response r = year.putRequisition(grantId, p, p.amended(), "demo-" + grantId + "-" + p.recipientId() + "-2",
          "\"1\"");
      year.expect(r.status() == 200, "amendment of " + p.recipientId() + " in " + grantId, r);
    });
  }

  /**
   * 17 April 2026, after the deadline (16 April): late requisitions are refused; the day's runs
   * redistribute the grant (the first daily run after its deadline) and propose its payouts; the
   * attestant approves each day's batch until every batch is settled.
   */
  void deadline() {
    year.runtime().clock().set(GrantYear.at("2026-04-17T08:00"));
    year.parallel(plans.stream().filter(p -> p.requisition() == Mix.Requisition.LATE).toList(), p -> {
      Http.Response r = year.putRequisition(grantId, p, p.allocation(), "demo-" + grantId + "-" + p.recipientId()
          + "-late", null);
      year.expect(r.status() / 100 == 4, "late requisition of " + p.recipientId() + " in " + grantId
          + " must be refused", r);
      refusedLate.put(p.recipientId(), r.status());
    });
    Instant day = GrantYear.at("2026-04-17T08:00");
    for (int i = 0; i < 2 || year.agency.unsettled() > 0 && i < 9; i++, day = day.plus(Duration.ofDays(1))) {
      year.fire(day);
    }
    Http.Response redistribution = year.api.get("/grants/" + grantId + "/redistribution", year.api.handlaggare);
    year.expect(redistribution.status() == 200 && !redistribution.json().path("shares").isMissingNode(),
        "the daily run after the deadline redistributed " + grantId, redistribution);
  }

  private List<Mix.Plan> submitting() {
    return plans.stream().filter(p -> p.requisition() == Mix.Requisition.FULL
        || p.requisition() == Mix.Requisition.PART).toList();
  }
}
