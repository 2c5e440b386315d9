package se.bidrag.reporting;

/**
 * Tells invoicing that a report has unspent money, or that a report that had some was corrected (an
 * SQS queue; the invoicing job also sweeps reports awaiting invoicing, so nothing depends on the
 * message alone).
 */
public interface InvoicingEvents {
  void reportWithUnspent(String grantId, String recipientId, long version);
}
