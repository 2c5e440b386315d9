package se.bidrag.invoicing;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.allocation.DynamoAllocationStore;
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
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Proposed recoveries and waivers in the table: {@code GRANT#<id> / INVPROP#<proposal id>}. */
public final class DynamoInvoiceProposals implements InvoiceProposals {
  private final DynamoDbClient db;
  private final String table;

  public DynamoInvoiceProposals(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  private static Map<String, AttributeValue> key(String grantId, String id) {
    return Items.key(DynamoAllocationStore.grantPk(grantId), "INVPROP#" + id);
  }

  @Override
  public boolean propose(InvoiceProposal p, AuditEntry audit) {
    Map<String, AttributeValue> item = new HashMap<>(key(p.grantId(), p.id()));
    item.put("type", s("invoice-proposal"));
    item.put("id", s(p.id()));
    item.put("kind", s(p.kind().code()));
    item.put("grantId", s(p.grantId()));
    item.put("recipientId", s(p.recipientId()));
    if (p.invoiceNumber() != null) {
      item.put("invoiceNumber", s(p.invoiceNumber()));
    }
    item.put("amount", n(p.amount()));
    item.put("reason", s(p.reason()));
    if (p.buyerReference() != null) {
      item.put("buyerReference", s(p.buyerReference()));
    }
    item.put("source", s(p.source()));
    item.put("requestHash", s(p.requestHash()));
    item.put("proposedBy", s(p.proposedBy()));
    item.put("proposer", s(p.proposer()));
    item.put("proposedAt", s(p.proposedAt().toString()));
    item.put("state", s(p.state().name()));
    return transact(List.of(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(PK)").build()).build(),
        ProposalItems.put(table, p.registered()), AuditItems.put(table, audit)));
  }

  @Override
  public Optional<InvoiceProposal> find(String grantId, String id) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "INVPROP#" + id).map(DynamoInvoiceProposals::of);
  }

  @Override
  public List<InvoiceProposal> all(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "INVPROP#").stream()
        .map(DynamoInvoiceProposals::of).toList();
  }

  @Override
  public boolean reject(InvoiceProposal p, Proposal.Decision decision, AuditEntry audit) {
    return transact(decided(table, p, decision, audit));
  }

  /** The writes that record a decision: the proposal (awaiting, and not decided by its proposer), the register, the audit entry. */
  static List<TransactWriteItem> decided(String table, InvoiceProposal p, Proposal.Decision d, AuditEntry audit) {
    Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#by", "decidedBy", "#decider", "decider",
        "#at", "decidedAt", "#proposedBy", "proposedBy"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(d.outcome().name()), ":by", s(d.decidedBy()),
        ":decider", s(d.decider()), ":at", s(d.at().toString()),
        ":awaiting", s(Proposal.State.AWAITING_ATTESTATION.name())));
    StringBuilder set = new StringBuilder("SET #state = :to, #by = :by, #decider = :decider, #at = :at");
    if (d.approvalId() != null) {
      set.append(", #approval = :approval");
      names.put("#approval", "approvalId");
      values.put(":approval", s(d.approvalId()));
    }
    if (d.reason() != null) {
      set.append(", #why = :why");
      names.put("#why", "decisionReason");
      values.put(":why", s(d.reason()));
    }
    TransactWriteItem proposal = TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(key(p.grantId(), p.id())).updateExpression(set.toString())
        .conditionExpression("#state = :awaiting AND #proposedBy <> :by").expressionAttributeNames(names)
        .expressionAttributeValues(values).build()).build();
    return List.of(proposal, ProposalItems.decide(table, p.registered(), d), AuditItems.put(table, audit));
  }

  private boolean transact(List<TransactWriteItem> items) {
    try {
      db.transactWriteItems(t -> t.transactItems(items));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }

  private static InvoiceProposal of(Map<String, AttributeValue> i) {
    Proposal.State state = Proposal.State.valueOf(Items.str(i, "state"));
    Proposal.Decision decision = state == Proposal.State.AWAITING_ATTESTATION ? null : new Proposal.Decision(state,
        Items.str(i, "decidedBy"), Items.str(i, "decider"), Instant.parse(Items.str(i, "decidedAt")),
        Items.str(i, "approvalId"), Items.str(i, "decisionReason"));
    return new InvoiceProposal(Items.str(i, "id"), Proposal.Kind.parse(Items.str(i, "kind")), Items.str(i, "grantId"),
        Items.str(i, "recipientId"), Items.str(i, "invoiceNumber"), Items.num(i, "amount"), Items.str(i, "reason"),
        Items.str(i, "buyerReference"), Items.str(i, "source"), Items.str(i, "requestHash"), Items.str(i, "proposedBy"),
        Items.str(i, "proposer"), Instant.parse(Items.str(i, "proposedAt")), state, decision);
  }
}
