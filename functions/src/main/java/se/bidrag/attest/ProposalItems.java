package se.bidrag.attest;

import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import se.bidrag.audit.AuditItems;
import se.bidrag.platform.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The register of proposals in the table: {@code PROPOSAL#<kind>#<id> / PROPOSAL}, listed by GSI1 —
 * {@code PROPOSALS#<grant>#AWAITING} while it awaits an attestant ({@code PROPOSALS#organisations#...}
 * for payout accounts), {@code ...#DECIDED} after — in the order proposed. A capability puts the item
 * in the transaction that records its proposal and decides it in the transaction that carries out the
 * decision; the decision is conditional on the item awaiting attestation and on the decider not being
 * the proposer, so a decision is taken once, by someone else, even against a concurrent one.
 */
public final class ProposalItems {
  /** GSI1's partition for proposals that belong to no grant. */
  public static final String ORGANISATIONS = "organisations";

  private ProposalItems() {}

  public static String pk(Proposal.Kind kind, String id) {
    return "PROPOSAL#" + kind.code() + "#" + id;
  }

  /** GSI1's partition of a grant's proposals in a state ({@code AWAITING} or {@code DECIDED}). */
  public static String index(String grantId, boolean awaiting) {
    return "PROPOSALS#" + (grantId == null ? ORGANISATIONS : grantId) + (awaiting ? "#AWAITING" : "#DECIDED");
  }

  public static Map<String, AttributeValue> item(Proposal p) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(pk(p.kind(), p.id())));
    item.put("SK", s("PROPOSAL"));
    item.put("type", s("proposal"));
    item.put("kind", s(p.kind().code()));
    item.put("id", s(p.id()));
    if (p.grantId() != null) {
      item.put("grantId", s(p.grantId()));
    }
    item.put("subject", s(p.subject()));
    item.put("summary", s(p.summary()));
    if (p.amount() != null) {
      item.put("amount", Items.n(p.amount()));
    }
    item.put("proposedBy", s(p.proposedBy()));
    item.put("proposer", s(p.proposer()));
    item.put("proposedAt", s(p.proposedAt().toString()));
    item.put("href", s(p.href()));
    item.put("state", s(p.state().name()));
    item.put("GSI1PK", s(index(p.grantId(), p.awaitingAttestation())));
    item.put("GSI1SK", s(AuditItems.sortableTime(p.proposedAt()) + "#" + p.kind().code() + "#" + p.id()));
    return item;
  }

  /** Registers a new proposal (fails the transaction if it is there already). */
  public static TransactWriteItem put(String table, Proposal p) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(p))
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }

  /**
   * Records the decision: fails the transaction unless the proposal awaits attestation and the
   * decider is not the proposer.
   */
  public static TransactWriteItem decide(String table, Proposal p, Proposal.Decision d) {
    Map<String, String> names = new HashMap<>(Map.of("#state", "state", "#by", "decidedBy", "#decider", "decider",
        "#at", "decidedAt", "#gsi", "GSI1PK", "#proposedBy", "proposedBy"));
    Map<String, AttributeValue> values = new HashMap<>(Map.of(":to", s(d.outcome().name()), ":by", s(d.decidedBy()),
        ":decider", s(d.decider()), ":at", s(d.at().toString()), ":gsi", s(index(p.grantId(), false)),
        ":awaiting", s(Proposal.State.AWAITING_ATTESTATION.name())));
    StringBuilder set = new StringBuilder("SET #state = :to, #by = :by, #decider = :decider, #at = :at, #gsi = :gsi");
    if (d.approvalId() != null) {
      set.append(", #approval = :approval");
      names.put("#approval", "approvalId");
      values.put(":approval", s(d.approvalId()));
    }
    if (d.reason() != null) {
      set.append(", #reason = :reason");
      names.put("#reason", "reason");
      values.put(":reason", s(d.reason()));
    }
    return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(pk(p.kind(), p.id()), "PROPOSAL"))
        .updateExpression(set.toString()).conditionExpression("#state = :awaiting AND #proposedBy <> :by")
        .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
  }

  public static Proposal proposal(Map<String, AttributeValue> i) {
    Proposal.State state = Proposal.State.valueOf(Items.str(i, "state"));
    Proposal.Decision decision = null;
    if (state != Proposal.State.AWAITING_ATTESTATION) {
      decision = new Proposal.Decision(state, Items.str(i, "decidedBy"), Items.str(i, "decider"),
          Instant.parse(Items.str(i, "decidedAt")), Items.str(i, "approvalId"), Items.str(i, "reason"));
    }
    return new Proposal(Proposal.Kind.parse(Items.str(i, "kind")), Items.str(i, "id"), Items.str(i, "grantId"),
        Items.str(i, "subject"), Items.str(i, "summary"), i.containsKey("amount") ? Items.num(i, "amount") : null,
        Items.str(i, "proposedBy"), Items.str(i, "proposer"), Instant.parse(Items.str(i, "proposedAt")),
        Items.str(i, "href"), state, decision);
  }
}
