/**
 * Where the money goes: each organisation's payout account (bankgiro), registered by its ombud and
 * in effect only once an agency attestant has approved the change; the registry mailbox is told that
 * the account changed, and from what to what (masked). The payout pays only approved accounts.
 */
package se.bidrag.account;
