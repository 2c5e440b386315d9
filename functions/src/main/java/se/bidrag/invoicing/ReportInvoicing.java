package se.bidrag.invoicing;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import se.bidrag.notification.Kronor;
import se.bidrag.reporting.Report;

/**
 * What a report means for invoicing: the unspent money it reports is claimed by exactly one invoice.
 * A first report with unspent money gets an invoice; a corrected report whose unspent amount differs
 * from what the current invoice claims gets a credit note for what that invoice still claims and, if
 * there is still unspent money, a new invoice; the same amount again changes nothing.
 */
public final class ReportInvoicing {
  private ReportInvoicing() {}

  /**
   * The documents to issue for the report.
   *
   * @param current the invoice that claims the recipient's unspent money now, or null
   * @param zone the grant's time zone (the report's date is the local date)
   */
  public static List<Draft> plan(Report report, StoredInvoice current, ZoneId zone) {
    String submitted = report.submittedAt().atZone(zone).toLocalDate().toString();
    long claimed = current == null ? 0 : current.outstanding();
    long unspent = report.unspent();
    List<Draft> drafts = new ArrayList<>();
    if (claimed == unspent) {
      return drafts;
    }
    if (claimed > 0) {
      drafts.add(Draft.creditNote(Invoice.Reason.CORRECTION, "Återrapporten rättades (version " + report.version()
          + ", lämnad " + submitted + "): oförbrukade medel " + Kronor.format(unspent) + " kr. Faktura " + current.invoice().number()
          + " krediteras.", claimed, current));
    }
    if (unspent > 0) {
      drafts.add(Draft.invoice(Invoice.Reason.UNSPENT, Invoice.Reason.UNSPENT.swedish() + " version " + report.version()
          + ", lämnad " + submitted + ": av mottagna " + Kronor.format(report.received()) + " kr användes "
          + Kronor.format(report.used()) + " kr.", unspent, report.reporterName()));
    }
    return drafts;
  }
}
