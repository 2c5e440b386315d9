package se.bidrag.redistribution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.bidrag.access.Caller;

/** Where the redistribution decision is recorded, once per grant. */
public interface RedistributionStore {

  /** The recorded decision (its JSON) and when. */
  record Recorded(String grantId, String decisionHash, String state, String decisionJson, Instant recordedAt,
      String recordedBy) {
    public boolean done() {
      return "RECORDED".equals(state);
    }
  }

  /** One recipient's recorded share, and whether it has been paid. */
  record Share(String grantId, String recipientId, String orgnr, String name, long total, String json, boolean paid,
      long version) {}

  enum Outcome { RECORDED, ALREADY_RECORDED }

  Optional<Recorded> find(String grantId);

  /**
   * Records the decision exactly once: a second or concurrent call with the same decision completes
   * or finds it done; {@code beforeFinal} runs after the shares are written and before the decision
   * is marked final (it queues the notices; a rerun queues them again, deduplicated by job id).
   */
  Outcome record(Redistribution.Decision decision, String decisionJson, String decisionHash, Instant at, Caller by,
      Runnable beforeFinal);

  List<Share> unpaidShares(String grantId);

  List<Share> shares(String grantId);
}
