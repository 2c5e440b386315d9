package se.bidrag.metrics;

/**
 * The business events the agency counts, as CloudWatch metric names (namespace {@code Bidrag}, unit
 * Count, dimension {@code Grant}).
 */
public enum Metric {
  /** A requisition submitted, amended or re-submitted and stored. */
  REQUISITIONS_ACCEPTED("RequisitionsAccepted"),
  /** A submission refused (after the deadline, over the allocation, an area not open, a stale version). */
  REQUISITIONS_REFUSED("RequisitionsRefused"),
  /** An e-mail handed to SES. */
  EMAILS_SENT("EmailsSent"),
  /** A permanent bounce SES reported (the address is then suppressed). */
  EMAILS_BOUNCED("EmailsBounced"),
  /** An e-mail not sent because its address is on the suppression list. */
  EMAILS_SUPPRESSED("EmailsSuppressed"),
  /** A repayment invoice issued. */
  INVOICES_ISSUED("InvoicesIssued"),
  /** A credit note issued. */
  CREDIT_NOTES_ISSUED("CreditNotesIssued"),
  /** A payment order written to a payment file. */
  PAYMENT_ORDERS_FILED("PaymentOrdersFiled"),
  /** A proposal (payout batch, recovery, waiver) approved by an attestant. */
  APPROVALS("Approvals");

  private final String metricName;

  Metric(String metricName) {
    this.metricName = metricName;
  }

  /** The CloudWatch metric name. */
  public String metricName() {
    return metricName;
  }
}
