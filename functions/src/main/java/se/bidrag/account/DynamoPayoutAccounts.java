package se.bidrag.account;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.attest.Proposal;
import se.bidrag.attest.ProposalItems;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Payout accounts in the table: {@code ORG#<orgnr> / PAYACCOUNT}, the whole account rewritten by each
 * change under the condition that its version is the one read (a put, so that every change states the
 * complete account), with the proposal register's item and the audit entry ({@code
 * organisation/<orgnr>/payout-account}, sequence = version) in the same transaction.
 */
public final class DynamoPayoutAccounts implements PayoutAccounts {
  private final DynamoDbClient db;
  private final String table;

  public DynamoPayoutAccounts(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  private static String pk(String orgnr) {
    return "ORG#" + orgnr;
  }

  /** The proposal that requests a change: one per organisation and version. */
  static Proposal proposal(String orgnr, long version, Bankgiro to, Caller ombud, Instant at) {
    return Proposal.awaiting(Proposal.Kind.PAYOUT_ACCOUNT, orgnr + "-" + version, null, orgnr,
        "Utbetalningskonto för " + orgnr + ": bankgiro " + to.masked(), null, ombud.subject(), ombud.describe(), at,
        "/organisations/" + orgnr + "/payout-account");
  }

  @Override
  public Optional<PayoutAccount> find(String orgnr) {
    return Table.get(db, table, pk(orgnr), "PAYACCOUNT").map(i -> {
      String approved = Items.str(i, "approvedBankgiro");
      String previous = Items.str(i, "previousBankgiro");
      String pending = Items.str(i, "pendingBankgiro");
      PayoutAccount.Pending change = pending == null ? null : new PayoutAccount.Pending(new Bankgiro(pending),
          Items.str(i, "pendingRequestedBy"), Items.str(i, "pendingRequester"),
          Instant.parse(Items.str(i, "pendingRequestedAt")), Items.str(i, "pendingProposal"));
      return new PayoutAccount(orgnr, approved == null ? null : new Bankgiro(approved),
          approved == null ? null : Instant.parse(Items.str(i, "approvedAt")), Items.str(i, "approvedBy"),
          Items.str(i, "approvalId"), previous == null ? null : new Bankgiro(previous), change, Items.num(i, "version"));
    });
  }

  @Override
  public boolean request(PayoutAccount before, Bankgiro bankgiro, Caller ombud, Instant at) {
    long version = before.version() + 1;
    Proposal p = proposal(before.orgnr(), version, bankgiro, ombud, at);
    PayoutAccount.Pending change = new PayoutAccount.Pending(bankgiro, ombud.subject(), ombud.describe(), at, p.id());
    PayoutAccount after = new PayoutAccount(before.orgnr(), before.approved(), before.approvedAt(), before.approvedBy(),
        before.approvalId(), before.previous(), change, version);
    return write(before, after, List.of(ProposalItems.put(table, p)), ombud, at, "payout-account.change-requested");
  }

  @Override
  public boolean approve(PayoutAccount before, Caller attestant, String approvalId, Instant at) {
    PayoutAccount.Pending pending = before.pending();
    PayoutAccount after = new PayoutAccount(before.orgnr(), pending.bankgiro(), at, attestant.describe(), approvalId,
        before.approved(), null, before.version() + 1);
    return write(before, after, List.of(ProposalItems.decide(table, proposalOf(before), new Proposal.Decision(
        Proposal.State.APPROVED, attestant.subject(), attestant.describe(), at, approvalId, null))), attestant, at,
        "payout-account.change-approved");
  }

  @Override
  public boolean reject(PayoutAccount before, Caller attestant, String reason, Instant at) {
    PayoutAccount after = new PayoutAccount(before.orgnr(), before.approved(), before.approvedAt(), before.approvedBy(),
        before.approvalId(), before.previous(), null, before.version() + 1);
    return write(before, after, List.of(ProposalItems.decide(table, proposalOf(before), new Proposal.Decision(
        Proposal.State.REJECTED, attestant.subject(), attestant.describe(), at, null, reason))), attestant, at,
        "payout-account.change-rejected");
  }

  private static Proposal proposalOf(PayoutAccount a) {
    PayoutAccount.Pending p = a.pending();
    return Proposal.awaiting(Proposal.Kind.PAYOUT_ACCOUNT, p.proposalId(), null, a.orgnr(), "", null, p.requestedBy(),
        p.requester(), p.requestedAt(), "");
  }

  private boolean write(PayoutAccount before, PayoutAccount after, List<TransactWriteItem> proposal, Caller by,
      Instant at, String action) {
    Put.Builder put = Put.builder().tableName(table).item(item(after));
    if (before.version() == 0) {
      put.conditionExpression("attribute_not_exists(PK)");
    } else {
      put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
          .expressionAttributeValues(Map.of(":v", n(before.version())));
    }
    AuditEntry audit = new AuditEntry(null, "organisation/" + before.orgnr() + "/payout-account", after.version(), at,
        by, action, before.version() == 0 ? null : PayoutAccountJson.audit(before), PayoutAccountJson.audit(after));
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().put(put.build()).build());
    items.addAll(proposal);
    items.add(AuditItems.put(table, audit));
    try {
      db.transactWriteItems(t -> t.transactItems(items));
      return true;
    } catch (TransactionCanceledException changedMeanwhile) {
      return false;
    }
  }

  private static Map<String, AttributeValue> item(PayoutAccount a) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(pk(a.orgnr())));
    item.put("SK", s("PAYACCOUNT"));
    item.put("type", s("payout-account"));
    item.put("orgnr", s(a.orgnr()));
    item.put("version", n(a.version()));
    if (a.approved() != null) {
      item.put("approvedBankgiro", s(a.approved().digits()));
      item.put("approvedAt", s(a.approvedAt().toString()));
      item.put("approvedBy", s(a.approvedBy()));
      item.put("approvalId", s(a.approvalId()));
    }
    if (a.previous() != null) {
      item.put("previousBankgiro", s(a.previous().digits()));
    }
    if (a.pending() != null) {
      PayoutAccount.Pending p = a.pending();
      item.put("pendingBankgiro", s(p.bankgiro().digits()));
      item.put("pendingRequestedBy", s(p.requestedBy()));
      item.put("pendingRequester", s(p.requester()));
      item.put("pendingRequestedAt", s(p.requestedAt().toString()));
      item.put("pendingProposal", s(p.proposalId()));
    }
    return item;
  }
}
