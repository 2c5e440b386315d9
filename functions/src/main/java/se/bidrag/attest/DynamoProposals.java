package se.bidrag.attest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The register of proposals in the table ({@link ProposalItems}). */
public final class DynamoProposals implements Proposals {
  private final DynamoDbClient db;
  private final String table;

  public DynamoProposals(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  @Override
  public Optional<Proposal> find(Proposal.Kind kind, String id) {
    return Table.get(db, table, ProposalItems.pk(kind, id), "PROPOSAL").map(ProposalItems::proposal);
  }

  @Override
  public List<Proposal> awaiting(String grantId) {
    return list(grantId, true);
  }

  @Override
  public List<Proposal> decided(String grantId) {
    return list(grantId, false);
  }

  private List<Proposal> list(String grantId, boolean awaiting) {
    List<Proposal> out = new ArrayList<>();
    Table.queryGsi1(db, table, ProposalItems.index(grantId, awaiting)).forEach(i -> out.add(ProposalItems.proposal(i)));
    Table.queryGsi1(db, table, ProposalItems.index(null, awaiting)).forEach(i -> out.add(ProposalItems.proposal(i)));
    out.sort(Comparator.comparing(Proposal::proposedAt).thenComparing(p -> p.kind().code()).thenComparing(Proposal::id));
    return out;
  }
}
