package se.bidrag.invoicing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.bidrag.audit.AuditEntry;

/**
 * Issued invoices and credit notes, their documents, and the counters that keep them right: the
 * year's number series, what each source issued, and each recipient's net invoiced amount.
 */
public interface InvoiceStore {

  /** The last sequence number issued in the year (0 before the first). */
  long lastSequence(int year, int series);

  /** What a source issued (numbers in order), if it issued anything. */
  Optional<Source> source(String grantId, String source);

  /**
   * Issues the documents with the sequence numbers after {@code lastSequence}, all or nothing, in
   * one transaction with: the series moving on, the source, the recipient's net invoiced amount
   * (never above {@code received}), what a credit note cancels (never more than is outstanding),
   * the report marked invoiced, and an audit entry per document.
   */
  Outcome issue(Issuing issuing);

  Optional<StoredInvoice> find(String number);

  Optional<byte[]> document(String number, Format format);

  /** The grant's invoices and credit notes in number order. */
  List<StoredInvoice> ofGrant(String grantId);

  /** The recipient's invoiced amount less credit notes. */
  long netInvoiced(String grantId, String recipientId);

  /** The invoice that currently claims the recipient's reported unspent money, if any. */
  Optional<String> reportInvoice(String grantId, String recipientId);

  /** The invoice's e-mail is on the e-mail queue. */
  void markMailed(String number);

  void saveNonReporters(NonReporters list);

  Optional<NonReporters> nonReporters(String grantId);

  /** What a source issued, and a hash of the request that caused it (null for events). */
  record Source(String grantId, String source, List<String> numbers, String requestHash) {}

  /** One document to issue, rendered. */
  record Document(Invoice invoice, byte[] pdf, byte[] ubl) {}

  /**
   * An attestant's approval of a proposed recovery or waiver, recorded in the issuing's transaction:
   * the proposal must still await attestation and the attestant must not be its proposer.
   */
  record Approval(InvoiceProposal proposal, se.bidrag.attest.Proposal.Decision decision, AuditEntry audit) {}

  /** What a credit note cancels of an earlier invoice. */
  record Credit(String number, long amount) {}

  /**
   * A report version being invoiced: {@code previous} is the invoice that claimed the unspent money
   * until now (null: none); the invoice in the issuing, if any, takes its place.
   */
  record ReportInvoice(long version, String previous) {}

  /**
   * One issuing.
   *
   * @param received what the recipient was paid: the net invoiced amount may not exceed it
   * @param credit what a credit note in {@code documents} cancels; null when there is none
   * @param report the report version this issuing handles (marked invoiced, and its invoice recorded as
   *     the one claiming the recipient's unspent money); null for other issuings
   * @param approval the attestant's approval this issuing carries out; null for issuings from reports
   */
  record Issuing(int year, int series, long lastSequence, List<Document> documents, String grantId, String recipientId,
      String source, String requestHash, long received, Credit credit, ReportInvoice report, List<AuditEntry> audit,
      Approval approval) {

    public Issuing {
      documents = List.copyOf(documents);
      audit = List.copyOf(audit);
    }

    /** Invoices less credit notes. */
    public long netChange() {
      return documents.stream().mapToLong(d -> d.invoice().isCreditNote() ? -d.invoice().amount() : d.invoice().amount())
          .sum();
    }
  }

  /** How an issuing went. */
  enum Outcome {
    ISSUED,
    /** Another issuing took the next number first: try again with the new last number. */
    NUMBER_TAKEN,
    /** Another issuing from the same source won: it is the answer. */
    SOURCE_TAKEN,
    /** The recipient would owe more than it received. */
    OVER_LIMIT,
    /** The credited invoice no longer has that much outstanding. */
    NOT_OUTSTANDING,
    /** The report was corrected, or its invoice replaced, meanwhile: plan again. */
    REPORT_CHANGED,
    /** The proposal this issuing approves was decided meanwhile (or the attestant proposed it): nothing is issued. */
    DECIDED,
    /** A concurrent transaction touched the same items: try again. */
    CONFLICT
  }

  /** The documents of an invoice. */
  enum Format { PDF, UBL }

  /**
   * Recipients that received money and had not reported when the reporting deadline passed, for the
   * agency to decide on (no invoice is issued for them automatically).
   */
  record NonReporters(String grantId, java.time.LocalDate deadline, Instant listedAt, List<Entry> recipients) {
    public NonReporters {
      recipients = List.copyOf(recipients);
    }

    /** What the listed recipients received in all. */
    public long received() {
      return recipients.stream().mapToLong(Entry::received).sum();
    }

    public record Entry(String recipientId, String name, String orgnr, long received, long invoiced) {}
  }
}
