package se.bidrag.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import se.bidrag.access.Caller;
import se.bidrag.access.Role;
import se.bidrag.audit.AuditEntry;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailLedger;
import se.bidrag.notification.EmailOutbox;

/**
 * Reporting (återrapportering): the web-form links go to every recipient that received money, the
 * reminders to those that have not reported; reports arrive through the personal link. Used plus
 * unspent must equal what was received; one report per recipient (a correction replaces it until the
 * deadline); a report after the deadline is accepted and marked late; unspent money goes to invoicing.
 */
public final class ReportingService {
  private final GrantCatalog catalog;
  private final Received received;
  private final ReportStore reports;
  private final EmailOutbox outbox;
  private final EmailLedger ledger;
  private final InvoicingEvents invoicing;
  private final ReportToken tokens;
  private final String formUrl;
  private final Clock clock;

  public ReportingService(GrantCatalog catalog, Received received, ReportStore reports, EmailOutbox outbox,
      EmailLedger ledger, InvoicingEvents invoicing, ReportToken tokens, String formUrl, Clock clock) {
    this.catalog = catalog;
    this.received = received;
    this.reports = reports;
    this.outbox = outbox;
    this.ledger = ledger;
    this.invoicing = invoicing;
    this.tokens = tokens;
    this.formUrl = formUrl;
    this.clock = clock;
  }

  /** What a scheduled run did. */
  public record RoundRun(int round, String kind, LocalDate date, int jobs) {}

  /** Runs the rounds that are due today (Europe/Stockholm); each round once; safe to run again. */
  public List<RoundRun> runDue(String grantId) {
    GrantDefinition grant = grant(grantId);
    GrantDefinition.Reporting rep = reporting(grant);
    Instant now = clock.instant();
    LocalDate today = now.atZone(grant.timeZone()).toLocalDate();
    List<RoundRun> ran = new ArrayList<>();
    for (Rounds.Round round : Rounds.due(Rounds.of(rep), today, reports.roundsDone(grantId))) {
      Map<String, Received.Recipient> recipients = received.byRecipient(grantId);
      if (round.reminder()) {
        reports.all(grantId).forEach(r -> recipients.remove(r.recipientId()));
      }
      Instant expires = rep.dispatchDate().plusDays(rep.tokenValidityDays() + 1L).atStartOfDay(grant.timeZone()).toInstant();
      List<EmailJob> jobs = new ArrayList<>();
      for (Received.Recipient r : recipients.values()) {
        String link = formUrl + "?token=" + tokens.mint(grantId, r.recipientId(), now, expires);
        jobs.add(Letters.letter(grant, round, r.recipientId(), r.name(), r.registryEmail(), r.received(), link,
            rep.dispatchDate().plusDays(rep.tokenValidityDays())));
      }
      outbox.enqueue(jobs);
      reports.markRound(grantId, round, jobs.size(), now);
      ran.add(new RoundRun(round.number(), round.kind(), round.date(), jobs.size()));
    }
    return ran;
  }

  /** What the web form needs. */
  public record Form(GrantDefinition grant, Received.Recipient recipient, Report report, boolean late) {}

  public Form form(String token) throws ReportToken.Invalid {
    Subject s = subject(token);
    return new Form(s.grant(), s.recipient(), reports.find(s.grant().id(), s.recipient().recipientId()).orElse(null),
        s.grant().reportLateAt(clock.instant()));
  }

  /** The report as submitted in the form. */
  public record Submission(SortedMap<Integer, Long> usedPerArea, long unspent, String account, String reporterName,
      String reporterEmail) {}

  /** What a submission led to. */
  public record Outcome(int status, Report report) {}

  public Outcome submit(String token, Submission in) throws ReportToken.Invalid {
    Subject s = subject(token);
    GrantDefinition grant = s.grant();
    Received.Recipient rec = s.recipient();
    List<Refusal.FieldError> errors = new ArrayList<>();
    for (var e : in.usedPerArea().entrySet()) {
      if (!rec.areas().contains(e.getKey())) {
        errors.add(new Refusal.FieldError("usedPerArea." + e.getKey(), "area " + e.getKey()
            + " was not named in the requisition (areas " + rec.areas() + ")"));
      }
    }
    long used = in.usedPerArea().values().stream().mapToLong(Long::longValue).sum();
    if (errors.isEmpty() && used + in.unspent() != rec.received()) {
      throw new Refusal(Refusal.Kind.INVALID, "amounts-do-not-add-up", "used " + used + " kr + unspent " + in.unspent()
          + " kr = " + (used + in.unspent()) + " kr, but " + rec.received() + " kr was received",
          List.of(new Refusal.FieldError("unspent", "used (" + used + ") + unspent (" + in.unspent() + ") must equal "
              + "the amount received (" + rec.received() + ")")));
    }
    if (!errors.isEmpty()) {
      throw Refusal.invalid(errors);
    }
    Instant now = clock.instant();
    boolean late = grant.reportLateAt(now);
    Report before = reports.find(grant.id(), rec.recipientId()).orElse(null);
    Report after = new Report(grant.id(), rec.recipientId(), rec.name(), before == null ? 1 : before.version() + 1,
        rec.received(), in.usedPerArea(), in.unspent(), in.account(), in.reporterName(), in.reporterEmail(), now,
        before != null && !late ? before.late() : late);
    if (before != null && before.sameContent(after)) {
      return new Outcome(200, before); // re-sent: the first result
    }
    if (before != null && late) {
      throw Refusal.conflict("report-closed", "the report of " + rec.recipientId() + " was submitted on "
          + before.submittedAt() + "; corrections are accepted until the deadline " + grant.reporting().deadline());
    }
    Caller reporter = new Caller("report-link:" + in.reporterEmail(), rec.orgnr(), Role.REPORTER, in.reporterName());
    AuditEntry audit = new AuditEntry(grant.id(), "report/" + grant.id() + "/" + rec.recipientId(), after.version(), now,
        reporter, before == null ? (late ? "report.submitted-late" : "report.submitted") : "report.corrected",
        before == null ? null : ReportJson.report(before), ReportJson.report(after));
    if (!reports.write(before, after, audit)) {
      throw Refusal.conflict("report-changed", "the report was changed meanwhile; load the form again");
    }
    if (after.unspent() > 0 || before != null && before.unspent() > 0) {
      invoicing.reportWithUnspent(grant.id(), rec.recipientId(), after.version());
    }
    return new Outcome(before == null ? 201 : 200, after);
  }

  /** One recipient's reporting status, for the agency. */
  public record Status(Received.Recipient recipient, boolean linkSent, int remindersSent, boolean suppressed, Report report) {
    public String status() {
      if (report != null) {
        return report.late() ? "late" : "reported";
      }
      if (suppressed) {
        return "undeliverable";
      }
      if (remindersSent > 0) {
        return "reminded";
      }
      return linkSent ? "sent" : "not-sent";
    }
  }

  /** The agency's view of a grant's reporting: every recipient that received money, with its status. */
  public record Overview(String grantId, List<Status> recipients) {
    public Overview {
      recipients = List.copyOf(recipients);
    }

    /** How many recipients have each status, by status. */
    public SortedMap<String, Integer> counts() {
      SortedMap<String, Integer> counts = new TreeMap<>();
      recipients.forEach(s -> counts.merge(s.status(), 1, Integer::sum));
      return counts;
    }
  }

  public Overview overview(String grantId) {
    grant(grantId);
    Map<String, Report> byRecipient = new LinkedHashMap<>();
    reports.all(grantId).forEach(r -> byRecipient.put(r.recipientId(), r));
    Map<String, boolean[]> sent = new LinkedHashMap<>();
    Map<String, Integer> reminders = new LinkedHashMap<>();
    for (EmailLedger.Entry e : ledger.ofGrant(grantId)) {
      String purpose = e.tags().get("purpose");
      String recipient = e.tags().get("recipient");
      if (recipient == null || purpose == null || !purpose.startsWith("report-")) {
        continue;
      }
      boolean[] flags = sent.computeIfAbsent(recipient, k -> new boolean[2]);
      if (e.state() == EmailLedger.State.SUPPRESSED) {
        flags[1] = true;
      } else if (e.state() == EmailLedger.State.SENT) {
        if (purpose.equals("report-link")) {
          flags[0] = true;
        } else {
          reminders.merge(recipient, 1, Integer::sum);
        }
      }
    }
    List<Status> out = new ArrayList<>();
    for (Received.Recipient r : received.byRecipient(grantId).values()) {
      boolean[] flags = sent.getOrDefault(r.recipientId(), new boolean[2]);
      out.add(new Status(r, flags[0], reminders.getOrDefault(r.recipientId(), 0), flags[1],
          byRecipient.get(r.recipientId())));
    }
    return new Overview(grantId, out);
  }

  private record Subject(GrantDefinition grant, Received.Recipient recipient) {}

  private Subject subject(String token) throws ReportToken.Invalid {
    ReportToken.Claims c = tokens.verify(token, clock.instant());
    GrantDefinition grant = catalog.find(c.grantId()).orElseThrow(() -> new ReportToken.Invalid("unknown grant"));
    Received.Recipient r = received.recipient(grant.id(), c.recipientId()).orElseThrow(() -> Refusal.notFound("token",
        c.recipientId() + " has received no money from " + grant.id() + " to report on"));
    return new Subject(grant, r);
  }

  private GrantDefinition grant(String grantId) {
    return catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
  }

  private static GrantDefinition.Reporting reporting(GrantDefinition grant) {
    if (grant.reporting() == null) {
      throw Refusal.conflict("no-reporting", "grant " + grant.id() + " has no reporting configured");
    }
    return grant.reporting();
  }

}
