package se.bidrag.redistribution;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import se.bidrag.access.Caller;

/** Where the redistribution decision is recorded, once per grant. */
public interface RedistributionStore {

  /** Whether and when the decision was recorded (its header: hash and state, not the shares). */
  record Recorded(String grantId, String decisionHash, String state, Instant recordedAt, String recordedBy) {
    public boolean done() {
      return "RECORDED".equals(state);
    }
  }

  /** One recipient's recorded share, and whether it has been paid. */
  record Share(String grantId, String recipientId, String orgnr, String name, long total, String json, boolean paid,
      long version) {}

  enum Outcome { RECORDED, ALREADY_RECORDED }

  /** The header alone: one read however many recipients share. */
  Optional<Recorded> find(String grantId);

  /** The recorded decision: its header and its JSON exactly as decided (its SHA-256 is the recorded hash). */
  record RecordedDecision(Recorded header, String json) {}

  /** The recorded decision read back from the header and the share items; empty until recorded. */
  Optional<RecordedDecision> decision(String grantId);

  /**
   * Records the decision exactly once: a second or concurrent call with the same decision completes
   * or finds it done; {@code beforeFinal} runs after the shares are written and before the decision
   * is marked final (it queues the notices; a rerun queues them again, deduplicated by job id).
   */
  Outcome record(Redistribution.Decision decision, String decisionHash, Instant at, Caller by,
      Runnable beforeFinal);

  List<Share> unpaidShares(String grantId);

  List<Share> shares(String grantId);
}
