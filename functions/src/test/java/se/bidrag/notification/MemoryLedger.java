package se.bidrag.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory {@link EmailLedger} with the rules of {@link DynamoEmailLedger}'s conditional writes:
 * a claim is taken when there is none, when the earlier one's lease ran out (strictly before now, to
 * the millisecond), or when it is this attempt's own (same claim id); marking sent needs a claim (or
 * is a repeat with the same message id), marking suppressed needs a claim, and only the claim's owner
 * gives it back. A write whose condition fails throws, as DynamoDB's ConditionalCheckFailedException.
 */
final class MemoryLedger implements EmailLedger {

  /** One job's record, with what the table keeps beside the entry. */
  record Row(Entry entry, String claimId, Instant leaseUntil) {}

  /** A conditional write that did not hold. */
  static final class ConditionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConditionFailed(String message) {
      super(message);
    }
  }

  private final Map<String, Row> rows = new HashMap<>();
  private final Set<String> suppressed = new HashSet<>();
  /** Every claim attempt as (claim id, lease) in order, for tests that look at what the sender asked for. */
  final List<Map.Entry<String, Duration>> claims = new ArrayList<>();

  synchronized void suppress(String address) {
    suppressed.add(address.toLowerCase(Locale.ROOT));
  }

  synchronized Optional<Row> row(String jobId) {
    return Optional.ofNullable(rows.get(jobId));
  }

  @Override
  public synchronized Claim claim(EmailJob job, String claimId, Instant now, Duration lease) {
    claims.add(Map.entry(claimId, lease));
    Row existing = rows.get(job.jobId());
    boolean free = existing == null || existing.entry().state() == State.CLAIMED
        && (existing.leaseUntil().toEpochMilli() < now.toEpochMilli() || existing.claimId().equals(claimId));
    if (free) {
      rows.put(job.jobId(), new Row(new Entry(job.jobId(), State.CLAIMED, now, null, job.to(), job.tags()), claimId,
          now.plus(lease)));
      return Claim.CLAIMED;
    }
    return switch (existing.entry().state()) {
      case SENT -> Claim.ALREADY_SENT;
      case SUPPRESSED -> Claim.SUPPRESSED;
      case CLAIMED -> Claim.IN_PROGRESS;
    };
  }

  @Override
  public synchronized void markSent(EmailJob job, String messageId, Instant now) {
    Row r = rows.get(job.jobId());
    boolean claimed = r != null && r.entry().state() == State.CLAIMED;
    boolean repeat = r != null && r.entry().state() == State.SENT && messageId.equals(r.entry().messageId());
    if (!claimed && !repeat) {
      throw new ConditionFailed("mark sent: " + job.jobId() + " is not claimed (" + r + ")");
    }
    Entry e = r.entry();
    rows.put(job.jobId(), new Row(new Entry(e.jobId(), State.SENT, e.at(), messageId, e.to(), e.tags()), r.claimId(),
        null));
  }

  @Override
  public synchronized void markSuppressed(EmailJob job, Instant now) {
    Row r = rows.get(job.jobId());
    if (r == null || r.entry().state() != State.CLAIMED) {
      throw new ConditionFailed("mark suppressed: " + job.jobId() + " is not claimed (" + r + ")");
    }
    Entry e = r.entry();
    rows.put(job.jobId(), new Row(new Entry(e.jobId(), State.SUPPRESSED, e.at(), null, e.to(), e.tags()), r.claimId(),
        null));
  }

  @Override
  public synchronized void release(EmailJob job, String claimId) {
    Row r = rows.get(job.jobId());
    if (r != null && r.entry().state() == State.CLAIMED && r.claimId().equals(claimId)) {
      rows.remove(job.jobId());
    }
  }

  @Override
  public synchronized Optional<Entry> find(String jobId) {
    return row(jobId).map(Row::entry);
  }

  @Override
  public synchronized List<Entry> ofGrant(String grantId) {
    return rows.values().stream().map(Row::entry).filter(e -> grantId.equals(e.tags().get("grant")))
        .sorted(java.util.Comparator.comparing(Entry::jobId)).toList();
  }

  @Override
  public synchronized boolean suppressed(String address) {
    return suppressed.contains(address.toLowerCase(Locale.ROOT));
  }
}
