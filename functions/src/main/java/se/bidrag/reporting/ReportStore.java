package se.bidrag.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import se.bidrag.audit.AuditEntry;

/** Reports, and which reporting rounds have run. */
public interface ReportStore {

  Optional<Report> find(String grantId, String recipientId);

  List<Report> all(String grantId);

  /** Writes {@code after} if the stored report is still {@code before} (null: none), with its audit entry; false otherwise. */
  boolean write(Report before, Report after, AuditEntry audit);

  Set<Integer> roundsDone(String grantId);

  /**
   * A recipient's personal link: its generation (a revocation raises it; links of an older generation
   * are refused), and the recent requests for a new link (the rate limit). {@code version} 0: never written.
   */
  record LinkState(String grantId, String recipientId, long version, long generation, Instant lastRequestAt,
      java.time.LocalDate requestDay, int requestsThatDay) {
    static LinkState none(String grantId, String recipientId) {
      return new LinkState(grantId, recipientId, 0, 0, null, null, 0);
    }
  }

  /** The recipient's link state ({@link LinkState#none} when nothing was ever written). */
  LinkState linkState(String grantId, String recipientId);

  /** Writes {@code after} if the stored state is still at {@code before}'s version, with its audit entry; false otherwise. */
  boolean writeLinkState(LinkState before, LinkState after, AuditEntry audit);

  /** Records that a round ran (once); false if it had run already. */
  boolean markRound(String grantId, Rounds.Round round, int jobs, Instant at);

  /**
   * Reports that invoicing has not taken care of yet: those with unspent money, and corrections of
   * reports that had some (an invoice may have to be cancelled).
   */
  List<Report> awaitingInvoice(String grantId);

  /** Invoicing has handled this version of the report. */
  void markInvoiced(String grantId, String recipientId, long version);
}
