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
      Instant expires = grant.reportLinkExpiresAt(now);
      List<EmailJob> jobs = new ArrayList<>();
      for (Received.Recipient r : recipients.values()) {
        long generation = reports.linkState(grantId, r.recipientId()).generation();
        String link = link(tokens.mint(grantId, r.recipientId(), generation, now, expires));
        jobs.add(Letters.letter(grant, round, r.recipientId(), r.name(), r.registryEmail(), r.received(), link,
            Letters.lastDay(expires, grant.timeZone())));
      }
      outbox.enqueue(jobs);
      reports.markRound(grantId, round, jobs.size(), now);
      ran.add(new RoundRun(round.number(), round.kind(), round.date(), jobs.size()));
    }
    return ran;
  }

  /** The personal link: the form's address with the token in the fragment, which no server sees. */
  private String link(String token) {
    return formUrl + "#" + token;
  }

  /** What the web form needs. */
  public record Form(GrantDefinition grant, Received.Recipient recipient, Report report, boolean late) {
    /** A report that may still be corrected: there is one, and the deadline has not passed. */
    public boolean correctable() {
      return report != null && !late;
    }

    /** The registry address on file, masked. */
    public String maskedRegistryEmail() {
      return Letters.mask(recipient.registryEmail());
    }
  }

  public Form form(String token) throws ReportToken.Invalid {
    Subject s = subject(token);
    return new Form(s.grant(), s.recipient(), reports.find(s.grant().id(), s.recipient().recipientId()).orElse(null),
        s.grant().reportLateAt(clock.instant()));
  }

  /** The report as submitted in the form. */
  public record Submission(SortedMap<Integer, Long> usedPerArea, long unspent, String account, String reporterName,
      String reporterEmail, boolean separateAccounting) {}

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
        before != null && !late ? before.late() : late, in.separateAccounting());
    if (before != null && before.sameContent(after)) {
      receipts(grant, rec, before); // re-sent: the first result; its receipts, if they were lost, go now (once)
      return new Outcome(200, before);
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
    receipts(grant, rec, after);
    return new Outcome(before == null ? 201 : 200, after);
  }

  /** The receipts of a report version, to the reporter and to the registry on file; each job is sent once. */
  private void receipts(GrantDefinition grant, Received.Recipient rec, Report report) {
    List<EmailJob> jobs = new ArrayList<>();
    jobs.add(Letters.receipt(grant, rec, report, report.reporterEmail(), "reporter"));
    if (!rec.registryEmail().equalsIgnoreCase(report.reporterEmail())) {
      jobs.add(Letters.receipt(grant, rec, report, rec.registryEmail(), "registry"));
    }
    outbox.enqueue(jobs);
  }

  /** A new link was sent to the registry on file (masked). */
  public record LinkSent(String recipientId, String sentTo) {}

  /** Too many requests for a new link; ask again after {@code retryAfterSeconds}. */
  public static final class RateLimited extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds, String message) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  /** At most one new link per recipient in this window... */
  static final java.time.Duration LINK_REQUEST_WINDOW = java.time.Duration.ofMinutes(10);
  /** ...and at most this many a day (Europe/Stockholm). */
  static final int LINK_REQUESTS_PER_DAY = 5;

  /**
   * "Send a new link" from the form's page, with the old link's token: a fresh link goes to the
   * registry address on file, never to an address from the request. An expired or revoked token
   * whose signature is valid names its recipient; so does a tampered or retired-key token's claims
   * (read unverified: the mail can only reach the right registry, and the rate limit bounds how often).
   */
  public LinkSent requestLink(String token) throws ReportToken.Invalid {
    ReportToken.Claims c;
    try {
      c = tokens.signed(token);
    } catch (ReportToken.Invalid e) {
      c = tokens.unverified(token).orElseThrow(() -> e);
    }
    GrantDefinition grant = catalog.find(c.grantId()).orElseThrow(
        () -> Refusal.notFound("token", "the link names no grant that can be reported on"));
    reporting(grant);
    String recipientId = c.recipientId();
    Received.Recipient r = received.recipient(grant.id(), recipientId).orElseThrow(
        () -> Refusal.notFound("token", "the link names no recipient that can report on " + grant.id()));
    Instant now = clock.instant();
    ReportStore.LinkState before = reports.linkState(grant.id(), recipientId);
    LocalDate today = now.atZone(grant.timeZone()).toLocalDate();
    int todays = today.equals(before.requestDay()) ? before.requestsThatDay() : 0;
    if (before.lastRequestAt() != null && now.isBefore(before.lastRequestAt().plus(LINK_REQUEST_WINDOW))) {
      long wait = ceilSeconds(java.time.Duration.between(now, before.lastRequestAt().plus(LINK_REQUEST_WINDOW)));
      throw new RateLimited(wait, "a new link was sent to " + recipientId + "'s registry less than "
          + LINK_REQUEST_WINDOW.toMinutes() + " minutes ago");
    }
    if (todays >= LINK_REQUESTS_PER_DAY) {
      long wait = ceilSeconds(java.time.Duration.between(now, today.plusDays(1).atStartOfDay(grant.timeZone()).toInstant()));
      throw new RateLimited(wait, LINK_REQUESTS_PER_DAY + " new links were sent to " + recipientId + "'s registry today");
    }
    ReportStore.LinkState after = new ReportStore.LinkState(grant.id(), recipientId, before.version() + 1,
        before.generation(), now, today, todays + 1);
    sendLink(grant, r, after, now, false);
    AuditEntry audit = new AuditEntry(grant.id(), "report-link/" + grant.id() + "/" + recipientId, after.version(), now,
        new Caller("report-link:" + recipientId, r.orgnr(), Role.REPORTER, "the form's page"), "report-link.requested",
        linkJson(before), linkJson(after));
    if (!reports.writeLinkState(before, after, audit)) {
      throw new RateLimited(LINK_REQUEST_WINDOW.toSeconds(), "a new link was sent to " + recipientId + "'s registry just now");
    }
    return new LinkSent(recipientId, Letters.mask(r.registryEmail()));
  }

  private static long ceilSeconds(java.time.Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }

  /**
   * The agency revokes a recipient's link: every link it was sent stops working (revoked), and a new
   * one goes to the registry address on file.
   */
  public LinkSent revokeLink(String grantId, String recipientId, Caller agency) {
    GrantDefinition grant = grant(grantId);
    reporting(grant);
    Received.Recipient r = received.recipient(grantId, recipientId).orElseThrow(
        () -> Refusal.notFound("recipientId", recipientId + " has received no money from " + grantId + " to report on"));
    Instant now = clock.instant();
    ReportStore.LinkState before = reports.linkState(grantId, recipientId);
    ReportStore.LinkState after = new ReportStore.LinkState(grantId, recipientId, before.version() + 1,
        before.generation() + 1, before.lastRequestAt(), before.requestDay(), before.requestsThatDay());
    sendLink(grant, r, after, now, true);
    AuditEntry audit = new AuditEntry(grantId, "report-link/" + grantId + "/" + recipientId, after.version(), now, agency,
        "report-link.revoked", linkJson(before), linkJson(after));
    if (!reports.writeLinkState(before, after, audit)) {
      throw Refusal.conflict("link-changed", "the link of " + recipientId + " was changed meanwhile; try again");
    }
    return new LinkSent(recipientId, Letters.mask(r.registryEmail()));
  }

  /**
   * The agency sends a recipient its link again (a fresh link, to the registry address on file; the
   * earlier links keep working); refused while that address is suppressed (409 address-suppressed).
   */
  public LinkSent resendLink(String grantId, String recipientId, Caller agency) {
    GrantDefinition grant = grant(grantId);
    reporting(grant);
    Received.Recipient r = received.recipient(grantId, recipientId).orElseThrow(
        () -> Refusal.notFound("recipientId", recipientId + " has received no money from " + grantId + " to report on"));
    if (ledger.suppressed(r.registryEmail())) {
      throw Refusal.conflict("address-suppressed", "the registry address of " + recipientId + " is suppressed (it bounced "
          + "or complained); lift the suppression first");
    }
    Instant now = clock.instant();
    ReportStore.LinkState before = reports.linkState(grantId, recipientId);
    ReportStore.LinkState after = new ReportStore.LinkState(grantId, recipientId, before.version() + 1,
        before.generation(), before.lastRequestAt(), before.requestDay(), before.requestsThatDay());
    sendLink(grant, r, after, now, false);
    if (!reports.writeLinkState(before, after, new AuditEntry(grantId, "report-link/" + grantId + "/" + recipientId,
        after.version(), now, agency, "report-link.resent", linkJson(before), linkJson(after)))) {
      throw Refusal.conflict("link-changed", "the link of " + recipientId + " was changed meanwhile; try again");
    }
    return new LinkSent(recipientId, Letters.mask(r.registryEmail()));
  }

  /**
   * Queues the new link's mail before the state is written: its job id is the state's new version, so
   * a retry after a failure in between sends the same job (once), and a lost race sends nothing more.
   */
  private void sendLink(GrantDefinition grant, Received.Recipient r, ReportStore.LinkState after, Instant now,
      boolean revoked) {
    Instant expires = grant.reportLinkExpiresAt(now);
    String link = link(tokens.mint(grant.id(), r.recipientId(), after.generation(), now, expires));
    outbox.enqueue(List.of(Letters.newLink(grant, r, link, Letters.lastDay(expires, grant.timeZone()), revoked,
        after.version())));
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode linkJson(ReportStore.LinkState s) {
    var o = se.bidrag.json.Json.object().put("version", s.version()).put("generation", s.generation());
    if (s.lastRequestAt() != null) {
      o.put("lastRequestAt", s.lastRequestAt().toString()).put("requestDay", s.requestDay().toString())
          .put("requestsThatDay", s.requestsThatDay());
    }
    return o;
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
      if (recipient == null || purpose == null
          || !(purpose.equals("report-link") || purpose.equals("report-reminder") || purpose.equals("report-new-link"))) {
        continue; // receipts go to the reporter too: they say nothing about the registry's mailbox
      }
      boolean[] flags = sent.computeIfAbsent(recipient, k -> new boolean[2]);
      if (e.state() == EmailLedger.State.SUPPRESSED) {
        flags[1] = true;
      } else if (e.state() == EmailLedger.State.SENT) {
        if (purpose.equals("report-link")) {
          flags[0] = true;
        } else if (purpose.equals("report-reminder")) {
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
    GrantDefinition grant = catalog.find(c.grantId()).orElseThrow(() -> Refusal.notFound("token",
        "the link names no grant that can be reported on"));
    if (c.generation() < reports.linkState(grant.id(), c.recipientId()).generation()) {
      throw new ReportToken.Invalid(ReportToken.Reason.REVOKED, "the link has been revoked; a newer one was sent");
    }
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
