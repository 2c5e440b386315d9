package se.bidrag.invoicing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import se.bidrag.access.Caller;
import se.bidrag.access.Access;
import se.bidrag.audit.AuditEntry;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.Refusal;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailOutbox;
import se.bidrag.notification.Kronor;
import se.bidrag.platform.Log;
import se.bidrag.reporting.Received;
import se.bidrag.reporting.Report;
import se.bidrag.reporting.ReportStore;

/**
 * Repayment invoicing (återbetalning): the unspent money a report states is invoiced when the report
 * arrives; the agency reclaims money by decision (återkrav) and waives claims (eftergift) with credit
 * notes; after the reporting deadline the recipients that never reported are listed for the agency
 * to decide on. Every document is issued once per cause (its source), with the next number of the
 * year's series, and e-mailed to the debtor's registry mailbox with the PDF attached.
 */
public final class InvoicingService {
  /** Attempts at taking the next number before giving up (each failed attempt lost to another issuing). */
  static final int MAX_ATTEMPTS = 80;
  /** The refusal code when an approval lost to another decision of the same proposal. */
  static final String PROPOSAL_DECIDED = "proposal-decided";

  private final GrantCatalog catalog;
  private final Received received;
  private final ReportStore reports;
  private final InvoiceStore store;
  private final EmailOutbox outbox;
  private final String bankgiro;
  private final Access access;
  private final Clock clock;
  private final se.bidrag.metrics.BusinessMetrics metrics;

  public InvoicingService(GrantCatalog catalog, Received received, ReportStore reports,
      InvoiceStore store, EmailOutbox outbox, String bankgiro, Access access, Clock clock,
      se.bidrag.metrics.BusinessMetrics metrics) {
    this.metrics = metrics;
    this.catalog = catalog;
    this.received = received;
    this.reports = reports;
    this.store = store;
    this.outbox = outbox;
    this.bankgiro = bankgiro;
    this.access = access;
    this.clock = clock;
  }

  /**
   * What an invoicing call led to.
   *
   * @param created true when documents were issued now; false when they existed (a retry) or none were due
   */
  public record Result(boolean created, List<StoredInvoice> invoices) {}

  /** Who owes, and what it received. */
  private record Debt(String recipientId, Invoice.Debtor debtor, long received) {}

  /** Documents to issue for one source, and the conditions they are issued under. */
  private record Plan(Debt debt, List<Draft> drafts, InvoiceStore.Credit credit, InvoiceStore.ReportInvoice report,
      Caller actor, Supplier<RuntimeException> overLimit, InvoiceStore.Approval approval) {}

  // ------------------------------------------------------------------ from reports

  /** Invoices what the report's version states as unspent (or corrects the earlier invoice); safe to repeat. */
  public Result fromReport(String grantId, String recipientId, long version) {
    GrantDefinition grant = grant(grantId);
    return issue(grant, "report:" + recipientId + ":v" + version, null, () -> {
      Report report = reports.find(grantId, recipientId).orElse(null);
      if (report == null || report.version() != version) {
        return Optional.empty(); // a later version replaced it and is invoiced on its own
      }
      Optional<String> currentNumber = store.reportInvoice(grantId, recipientId);
      StoredInvoice current = currentNumber.flatMap(store::find).orElse(null);
      List<Draft> drafts = ReportInvoicing.plan(report, current, grant.timeZone());
      if (drafts.isEmpty()) {
        reports.markInvoiced(grantId, recipientId, version);
        return Optional.empty();
      }
      Debt debt = debt(grant, recipientId);
      InvoiceStore.Credit credit = drafts.get(0).type() == Invoice.Type.CREDIT_NOTE
          ? new InvoiceStore.Credit(current.invoice().number(), drafts.get(0).amount()) : null;
      return Optional.of(new Plan(debt, drafts, credit,
          new InvoiceStore.ReportInvoice(version, currentNumber.orElse(null)), Caller.system("invoicing"),
          () -> new IllegalStateException("the report of " + recipientId + " states more unspent money than it received"),
          null));
    });
  }

  // ------------------------------------------------------------------ återkrav and eftergift

  /** A recovery (återkrav) as proposed: what is reclaimed from a recipient, and why. */
  public record Recovery(String recipientId, long amount, String reason, String buyerReference) {}

  /** A waiver (eftergift) as proposed: how much of an invoice is waived (null: all that is outstanding), and why. */
  public record Waiver(Long amount, String reason) {}

  /** A waiver checked: the invoice it credits and the kronor it waives. */
  record CheckedWaiver(StoredInvoice invoice, long amount) {}

  /**
   * Checks a proposed recovery: the recipient received money, and at most what it received less what
   * is already invoiced to it is reclaimed (422 naming the field otherwise). Checked again when approved.
   */
  void checkRecovery(String grantId, Recovery in) {
    recoveryPlan(grant(grantId), in, Caller.system("check"), null, false);
  }

  /** Issues an approved recovery's invoice, with the approval in the same transaction. */
  Result issueRecovery(InvoiceProposal p, Caller attestant, InvoiceStore.Approval approval) {
    GrantDefinition grant = grant(p.grantId());
    Recovery in = new Recovery(p.recipientId(), p.amount(), p.reason(), p.buyerReference());
    return issue(grant, p.source(), null, () -> Optional.of(recoveryPlan(grant, in, attestant, approval, true)));
  }

  private Plan recoveryPlan(GrantDefinition grant, Recovery in, Caller actor, InvoiceStore.Approval approval,
      boolean approving) {
    String grantId = grant.id();
    Debt debt = debt(grant, in.recipientId());
    long invoiced = store.netInvoiced(grantId, in.recipientId());
    Supplier<RuntimeException> overLimit = () -> {
      String why = "at most " + Math.max(0, debt.received() - store.netInvoiced(grantId, in.recipientId()))
          + " kr can be reclaimed from " + in.recipientId() + " (received " + debt.received() + " kr, already invoiced "
          + store.netInvoiced(grantId, in.recipientId()) + " kr), not " + in.amount() + " kr";
      return approving ? Refusal.conflict("recovery-exceeds-remaining", "the recovery can no longer be issued: " + why)
          : Refusal.invalid("amount", why);
    };
    if (in.amount() > debt.received() - invoiced) {
      throw overLimit.get();
    }
    String reference = in.buyerReference() == null ? grantId + "/" + in.recipientId() : in.buyerReference();
    return new Plan(debt, List.of(Draft.invoice(Invoice.Reason.RECOVERY, Invoice.Reason.RECOVERY.swedish() + ": "
        + in.reason(), in.amount(), reference)), null, null, actor, overLimit, approval);
  }

  /** Checks a proposed waiver of invoice {@code number}; the amount waived is fixed now (all outstanding when none is given). */
  CheckedWaiver checkWaiver(String number, Waiver in) {
    StoredInvoice s = find(number);
    long amount = waivable(s, in.amount());
    return new CheckedWaiver(s, amount);
  }

  private long waivable(StoredInvoice s, Long requested) {
    String number = s.invoice().number();
    if (s.invoice().isCreditNote()) {
      throw Refusal.conflict("not-an-invoice", number + " is a credit note; only invoices are waived");
    }
    if (s.outstanding() == 0) {
      throw Refusal.conflict("nothing-outstanding", "invoice " + number + " is credited in full; nothing is left to waive");
    }
    long amount = requested == null ? s.outstanding() : requested;
    if (amount > s.outstanding()) {
      throw Refusal.invalid("amount", "at most the outstanding " + s.outstanding() + " kr of invoice " + number
          + " can be waived, not " + amount + " kr");
    }
    return amount;
  }

  /** Issues an approved waiver's credit note, with the approval in the same transaction. */
  Result issueWaiver(InvoiceProposal p, Caller attestant, InvoiceStore.Approval approval) {
    GrantDefinition grant = grant(p.grantId());
    String number = p.invoiceNumber();
    return issue(grant, p.source(), null, () -> {
      StoredInvoice s = find(number);
      long amount;
      try {
        amount = waivable(s, p.amount());
      } catch (Refusal r) {
        throw Refusal.conflict("waiver-no-longer-possible", "the waiver can no longer be issued: " + r.getMessage());
      }
      Debt debt = new Debt(s.invoice().recipientId(), s.invoice().debtor(),
          received.amount(grant.id(), s.invoice().recipientId()));
      String description = Invoice.Reason.WAIVER.swedish() + " av " + Kronor.format(amount) + " kr av faktura " + number
          + ": " + p.reason();
      return Optional.of(new Plan(debt, List.of(Draft.creditNote(Invoice.Reason.WAIVER, description, amount, s)),
          new InvoiceStore.Credit(number, amount), null, attestant,
          () -> new IllegalStateException("crediting " + number + " would make the net invoiced amount negative"),
          approval));
    });
  }

  // ------------------------------------------------------------------ the daily run

  /**
   * What a daily run did.
   *
   * @param nonReporters recipients listed as never having reported (-1 before the reporting deadline)
   */
  public record DailyRun(int reportsInvoiced, int mailsQueued, int nonReporters, int failures) {}

  /**
   * Invoices every report still awaiting invoicing (a lost queue message changes nothing), queues the
   * e-mail of any invoice whose e-mail was not queued, and after the reporting deadline lists the
   * recipients that never reported.
   */
  public DailyRun runDaily(String grantId) {
    GrantDefinition grant = grant(grantId);
    int invoiced = 0;
    int failures = 0;
    for (Report r : reports.awaitingInvoice(grantId)) {
      try {
        if (fromReport(grantId, r.recipientId(), r.version()).created()) {
          invoiced++;
        }
      } catch (RuntimeException e) {
        failures++;
        Log.warn("invoicing a report failed; the next run tries again", "recipient", r.recipientId(),
            "version", r.version(), "error", String.valueOf(e));
      }
    }
    int mailed = mail(store.ofGrant(grantId));
    int nonReporters = -1;
    Instant now = clock.instant();
    if (grant.reporting() != null && grant.reportLateAt(now)) {
      nonReporters = listNonReporters(grant, now).recipients().size();
    }
    return new DailyRun(invoiced, mailed, nonReporters, failures);
  }

  private InvoiceStore.NonReporters listNonReporters(GrantDefinition grant, Instant now) {
    Map<String, Received.Recipient> recipients = received.byRecipient(grant.id());
    reports.all(grant.id()).forEach(r -> recipients.remove(r.recipientId()));
    List<InvoiceStore.NonReporters.Entry> entries = new ArrayList<>();
    for (Received.Recipient r : recipients.values()) {
      entries.add(new InvoiceStore.NonReporters.Entry(r.recipientId(), r.name(), r.orgnr(), r.received(),
          store.netInvoiced(grant.id(), r.recipientId())));
    }
    InvoiceStore.NonReporters list = new InvoiceStore.NonReporters(grant.id(), grant.reporting().deadline(), now, entries);
    store.saveNonReporters(list);
    return list;
  }

  public Optional<InvoiceStore.NonReporters> nonReporters(String grantId) {
    grant(grantId);
    return store.nonReporters(grantId);
  }

  // ------------------------------------------------------------------ reading

  /** A grant's invoices and credit notes, in number order, with what they add up to. */
  public record Invoices(List<StoredInvoice> documents, InvoiceTotals totals) {}

  /** The grant's invoices and credit notes: one recipient's, or all when {@code recipientId} is null. */
  public Invoices invoices(String grantId, String recipientId) {
    grant(grantId);
    List<StoredInvoice> documents = store.ofGrant(grantId).stream()
        .filter(s -> recipientId == null || recipientId.equals(s.invoice().recipientId())).toList();
    return new Invoices(documents, InvoiceTotals.of(documents));
  }

  public StoredInvoice find(String number) {
    if (!InvoiceNumber.isWellFormed(number)) {
      throw Refusal.notFound("number", "'" + number + "' is not an invoice number (ten digits: year and sequence)");
    }
    return store.find(number).orElseThrow(() -> Refusal.notFound("number", "no invoice " + number));
  }

  /**
   * The invoice, for a caller who may read the debtor organisation's invoices (the agency, or its own
   * users). Who the caller is is checked before the invoice is read; that it is addressed to the
   * caller's organisation, after (403, naming no organisation).
   */
  public StoredInvoice find(String number, Caller caller) {
    access.requireMayReadOwn(caller);
    StoredInvoice s = find(number);
    Access.requireAddressee(caller, s.invoice().debtor().orgnr(), "invoice " + number);
    return s;
  }

  /** What a source issued (nothing when it issued nothing). */
  List<StoredInvoice> issued(String grantId, String source) {
    return store.source(grantId, source).map(src -> src.numbers().stream().map(this::find).toList()).orElse(List.of());
  }

  public byte[] document(String number, InvoiceStore.Format format) {
    return store.document(number, format)
        .orElseThrow(() -> new IllegalStateException("invoice " + number + " has no " + format + " document"));
  }

  public Creditor creditor(String grantId) {
    return Creditor.of(grant(grantId).agency(), bankgiro);
  }

  // ------------------------------------------------------------------ issuing

  private Result issue(GrantDefinition grant, String source, String requestHash, Supplier<Optional<Plan>> planner) {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<InvoiceStore.Source> done = store.source(grant.id(), source);
      if (done.isPresent()) {
        if (requestHash != null && !requestHash.equals(done.get().requestHash())) {
          throw new Refusal(Refusal.Kind.IDEMPOTENCY_MISMATCH, "idempotency-key-reused", "the Idempotency-Key was "
              + "used for a different request; send a new key for a new decision", List.of(
                  new Refusal.FieldError("Idempotency-Key", "was used for a different request")));
        }
        List<StoredInvoice> issued = done.get().numbers().stream().map(this::find).toList();
        mail(issued);
        return new Result(false, issued);
      }
      Optional<Plan> planned = planner.get();
      if (planned.isEmpty()) {
        return new Result(false, List.of());
      }
      Plan plan = planned.get();
      Instant now = clock.instant();
      LocalDate today = now.atZone(grant.timeZone()).toLocalDate();
      int series = grant.invoicing().series();
      long last = store.lastSequence(today.getYear(), series);
      Creditor creditor = Creditor.of(grant.agency(), bankgiro);
      List<InvoiceStore.Document> documents = new ArrayList<>();
      List<AuditEntry> audit = new ArrayList<>();
      for (Draft d : plan.drafts()) {
        String number = InvoiceNumber.of(today.getYear(), series, last + 1 + documents.size());
        boolean invoice = d.type() == Invoice.Type.INVOICE;
        Invoice inv = new Invoice(number, d.type(), grant.id(), grant.title(), plan.debt().recipientId(),
            plan.debt().debtor(), d.reason(), d.description(), d.amount(), today,
            invoice ? today.plusDays(grant.invoicing().paymentTermDays()) : null,
            invoice ? InvoiceNumber.ocr(number) : null, d.buyerReference(), d.credits(), source, now);
        documents.add(new InvoiceStore.Document(inv, InvoicePdf.render(inv, creditor), PeppolUbl.write(inv, creditor)));
        audit.add(new AuditEntry(grant.id(), "invoice/" + number, 1, now, plan.actor(), inv.type().code() + ".issued",
            null, InvoiceJson.document(inv)));
      }
      InvoiceStore.Outcome outcome = store.issue(new InvoiceStore.Issuing(today.getYear(), series, last, documents, grant.id(),
          plan.debt().recipientId(), source, requestHash, plan.debt().received(), plan.credit(), plan.report(), audit,
          plan.approval()));
      switch (outcome) {
        case ISSUED -> {
          List<StoredInvoice> issued = documents.stream().map(d -> new StoredInvoice(d.invoice(), 0, false)).toList();
          Log.info("invoices issued", "source", source, "numbers",
              String.join(",", issued.stream().map(s -> s.invoice().number()).toList()));
          long invoices = issued.stream().filter(s -> s.invoice().type() == Invoice.Type.INVOICE).count();
          metrics.count(se.bidrag.metrics.Metric.INVOICES_ISSUED, grant.id(), invoices);
          metrics.count(se.bidrag.metrics.Metric.CREDIT_NOTES_ISSUED, grant.id(), issued.size() - invoices);
          mail(issued);
          return new Result(true, issued);
        }
        case OVER_LIMIT -> throw plan.overLimit().get();
        case DECIDED -> throw Refusal.conflict(PROPOSAL_DECIDED, "the proposal was decided meanwhile; nothing was issued");
        default -> pause(attempt); // lost to another issuing, or the state moved: read again and plan again
      }
    }
    throw new IllegalStateException("could not issue the invoice for " + source + " after " + MAX_ATTEMPTS
        + " attempts; other issuings kept taking the next number");
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, Math.min(100, 5L * attempt) + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while issuing an invoice", e);
    }
  }

  /** Queues the e-mail of each invoice whose e-mail is not queued yet; the sender sends each job once. */
  private int mail(List<StoredInvoice> invoices) {
    List<StoredInvoice> due = invoices.stream().filter(s -> !s.mailed()).toList();
    if (due.isEmpty()) {
      return 0;
    }
    List<EmailJob> jobs = new ArrayList<>();
    for (StoredInvoice s : due) {
      Creditor creditor = Creditor.of(grant(s.invoice().grantId()).agency(), bankgiro);
      jobs.add(InvoiceLetters.letter(s.invoice(), creditor, document(s.invoice().number(), InvoiceStore.Format.PDF)));
    }
    outbox.enqueue(jobs);
    due.forEach(s -> store.markMailed(s.invoice().number()));
    return due.size();
  }

  private Debt debt(GrantDefinition grant, String recipientId) {
    Received.Recipient r = received.recipient(grant.id(), recipientId).orElseThrow(
        () -> Refusal.invalid("recipientId", recipientId + " has received no money from " + grant.id()));
    return new Debt(recipientId, new Invoice.Debtor(r.name(), r.orgnr(), r.registryEmail()), r.received());
  }

  private GrantDefinition grant(String grantId) {
    return catalog.find(grantId).orElseThrow(() -> Refusal.notFound("grantId", "no grant " + grantId));
  }
}
