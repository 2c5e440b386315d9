package se.bidrag.reporting;

/** Tells invoicing that a report has unspent money (an SQS queue; the invoicing job also sweeps reports awaiting an invoice). */
public interface InvoicingEvents {
  void reportWithUnspent(String grantId, String recipientId, long version);
}
