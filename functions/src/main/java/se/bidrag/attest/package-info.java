/**
 * Attestation: what the agency's handläggare propose and its attestanter approve or reject — payout
 * batches, recoveries (återkrav), waivers (eftergift) and changes of an organisation's payout account.
 * Each capability keeps its own state and writes the proposal's register item ({@link
 * se.bidrag.attest.ProposalItems}) in the same transaction as its change; the rule that nobody decides
 * on their own proposal is a condition on that item. {@link se.bidrag.attest.ProposalApiHandler} lists
 * the proposals, the ones that have waited too many working days among them.
 */
package se.bidrag.attest;
