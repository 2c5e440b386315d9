package se.bidrag.notification;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The e-mail ledger in the table: {@code MAIL#jobId / MAIL} (GSI1 by grant), and suppressed
 * addresses {@code SUPPRESS#address / SUPPRESS}.
 */
public final class DynamoEmailLedger implements EmailLedger {
  private final DynamoDbClient db;
  private final String table;

  public DynamoEmailLedger(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static Map<String, AttributeValue> key(String jobId) {
    return Items.key(pk(jobId), "MAIL");
  }

  private static String pk(String jobId) {
    return "MAIL#" + jobId;
  }

  public static Map<String, AttributeValue> suppressionKey(String address) {
    return Items.key("SUPPRESS#" + address.toLowerCase(Locale.ROOT), "SUPPRESS");
  }

  @Override
  public Claim claim(EmailJob job, String claimId, Instant now, Duration lease) {
    Map<String, AttributeValue> item = new HashMap<>(key(job.jobId()));
    item.put("type", s("mail"));
    item.put("jobId", s(job.jobId()));
    item.put("state", s(State.CLAIMED.name()));
    item.put("at", s(now.toString()));
    item.put("leaseUntil", n(now.plus(lease).toEpochMilli()));
    // if DynamoDB took the put but its answer was lost, the SDK's retry finds its own claim (not
    // "another delivery's") and succeeds
    item.put("claimId", s(claimId));
    item.put("to", s(job.to()));
    item.put("subject", s(job.subject()));
    Map<String, AttributeValue> tags = new LinkedHashMap<>();
    job.tags().forEach((k, v) -> tags.put(k, s(v)));
    item.put("tags", AttributeValue.fromM(tags));
    String grant = job.tags().get("grant");
    if (grant != null) {
      item.put("GSI1PK", s("MAIL#" + grant));
      item.put("GSI1SK", s(job.jobId()));
    }
    try {
      db.putItem(p -> p.tableName(table).item(item)
          .conditionExpression("attribute_not_exists(PK) OR (#state = :claimed AND (#lease < :now OR #claim = :me))")
          .expressionAttributeNames(Map.of("#state", "state", "#lease", "leaseUntil", "#claim", "claimId"))
          .expressionAttributeValues(Map.of(":claimed", s(State.CLAIMED.name()), ":now", n(now.toEpochMilli()),
              ":me", s(claimId))));
      return Claim.CLAIMED;
    } catch (ConditionalCheckFailedException e) {
      Entry existing = find(job.jobId()).orElse(null);
      if (existing == null) {
        return Claim.IN_PROGRESS; // released in between: the next delivery claims it
      }
      return switch (existing.state()) {
        case SENT -> Claim.ALREADY_SENT;
        case SUPPRESSED -> Claim.SUPPRESSED;
        case CLAIMED -> Claim.IN_PROGRESS;
      };
    }
  }

  @Override
  public void markSent(EmailJob job, String messageId, Instant now) {
    db.updateItem(u -> u.tableName(table).key(key(job.jobId()))
        .updateExpression("SET #state = :sent, #messageId = :id, #sentAt = :at REMOVE #lease")
        .conditionExpression("#state = :claimed OR (#state = :sent AND #messageId = :id)")
        .expressionAttributeNames(Map.of("#state", "state", "#messageId", "messageId", "#sentAt", "sentAt",
            "#lease", "leaseUntil"))
        .expressionAttributeValues(Map.of(":sent", s(State.SENT.name()), ":claimed", s(State.CLAIMED.name()),
            ":id", s(messageId), ":at", s(now.toString()))));
  }

  @Override
  public void markSuppressed(EmailJob job, Instant now) {
    db.updateItem(u -> u.tableName(table).key(key(job.jobId()))
        .updateExpression("SET #state = :suppressed, #sentAt = :at REMOVE #lease")
        .conditionExpression("#state = :claimed")
        .expressionAttributeNames(Map.of("#state", "state", "#sentAt", "suppressedAt", "#lease", "leaseUntil"))
        .expressionAttributeValues(Map.of(":suppressed", s(State.SUPPRESSED.name()), ":claimed", s(State.CLAIMED.name()),
            ":at", s(now.toString()))));
  }

  @Override
  public void release(EmailJob job, String claimId) {
    try {
      db.deleteItem(d -> d.tableName(table).key(key(job.jobId())).conditionExpression("#state = :claimed AND #claim = :me")
          .expressionAttributeNames(Map.of("#state", "state", "#claim", "claimId"))
          .expressionAttributeValues(Map.of(":claimed", s(State.CLAIMED.name()), ":me", s(claimId))));
    } catch (ConditionalCheckFailedException notOurs) {
      // never taken, or sent, suppressed or claimed by another attempt meanwhile: nothing of ours to give back
    }
  }

  @Override
  public Optional<Entry> find(String jobId) {
    return Table.get(db, table, pk(jobId), "MAIL").map(DynamoEmailLedger::entry);
  }

  @Override
  public java.util.List<Entry> ofGrant(String grantId) {
    return se.bidrag.platform.Table.queryGsi1(db, table, "MAIL#" + grantId).stream().map(DynamoEmailLedger::entry)
        .toList();
  }

  private static Entry entry(Map<String, AttributeValue> i) {
    String jobId = Items.str(i, "jobId");
    Map<String, String> tags = new LinkedHashMap<>();
    if (i.get("tags") != null && i.get("tags").m() != null) {
      i.get("tags").m().forEach((k, v) -> tags.put(k, v.s()));
    }
    return new Entry(jobId, State.valueOf(Items.str(i, "state")), Instant.parse(Items.str(i, "at")),
        Items.str(i, "messageId"), Items.str(i, "to"), tags);
  }

  @Override
  public boolean suppressed(String address) {
    Map<String, AttributeValue> i = db.getItem(g -> g.tableName(table).key(suppressionKey(address))).item();
    return i != null && !i.isEmpty();
  }
}
