package se.bidrag.attest;

import java.util.List;
import java.util.Optional;

/** The register of proposals, read. */
public interface Proposals {

  Optional<Proposal> find(Proposal.Kind kind, String id);

  /** A grant's proposals (and the organisations' payout-account changes) awaiting attestation, oldest first. */
  List<Proposal> awaiting(String grantId);

  /** A grant's decided proposals (and the organisations'), in the order they were proposed. */
  List<Proposal> decided(String grantId);
}
