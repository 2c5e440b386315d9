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
