package se.bidrag.redistribution;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.access.Caller;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.grant.Refusal;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The decision in the table: {@code GRANT#id / REDIST} (hash, state, the decision's pots and totals) and
 * one item per recipient in the decision ({@code GRANT#id / REDIST#recipientId}, its share's JSON and its
 * place in the decision; GSI1 lists the unpaid). The header stays small however many recipients share
 * (DynamoDB items hold at most 400 KB; a 10 000-unit decision is megabytes), and the decision read back
 * is checked against the recorded hash.
 */
public final class DynamoRedistributionStore implements RedistributionStore {
  private final DynamoDbClient db;
  private final String table;

  public DynamoRedistributionStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  /** GSI1 partition of a grant's unpaid shares. */
  public static String unpaidIndex(String grantId) {
    return "REDIST#" + grantId + "#UNPAID";
  }

  @Override
  public Optional<Recorded> find(String grantId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "REDIST").map(i -> recorded(grantId, i));
  }

  private static Recorded recorded(String grantId, Map<String, AttributeValue> i) {
    String at = Items.str(i, "recordedAt");
    return new Recorded(grantId, Items.str(i, "decisionHash"), Items.str(i, "state"), at == null ? null : Instant.parse(at),
        Items.str(i, "recordedBy"));
  }

  /** One query: the header ({@code REDIST}) sorts before its shares ({@code REDIST#...}). */
  @Override
  public Optional<RecordedDecision> decision(String grantId) {
    List<Map<String, AttributeValue>> items = Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId),
        "REDIST");
    Map<String, AttributeValue> header = items.stream().filter(i -> "REDIST".equals(Items.str(i, "SK"))).findFirst()
        .orElse(null);
    Recorded recorded = header == null ? null : recorded(grantId, header);
    if (recorded == null || !recorded.done()) {
      return Optional.empty();
    }
    String whole = Items.str(header, "decision"); // recorded before the decision left the header
    if (whole == null) {
      List<String> shares = items.stream().filter(i -> Items.str(i, "SK").startsWith("REDIST#"))
          .sorted(java.util.Comparator.comparingLong(i -> Items.num(i, "ord"))).map(i -> Items.str(i, "json")).toList();
      if (shares.size() != Items.num(header, "shareCount")) {
        throw new IllegalStateException("the redistribution of " + grantId + " has " + shares.size()
            + " shares recorded, its header says " + Items.num(header, "shareCount"));
      }
      whole = RedistributionJson.assemble(Items.str(header, "summary"), shares);
    }
    if (!RedistributionService.hash(whole).equals(Items.str(header, "decisionHash"))) {
      throw new IllegalStateException("the recorded redistribution of " + grantId + " does not match its hash");
    }
    return Optional.of(new RecordedDecision(recorded, whole));
  }

  @Override
  public Outcome record(Redistribution.Decision d, String hash, Instant at, Caller by,
      Runnable beforeFinal) {
    String pk = DynamoAllocationStore.grantPk(d.grantId());
    String summary = RedistributionJson.summary(d); // the shares are items of their own: a decision of any size fits
    Map<String, AttributeValue> header;
    try {
      header = db.updateItem(u -> u.tableName(table).key(Items.key(pk, "REDIST"))
          .updateExpression("SET #hash = :h, #state = if_not_exists(#state, :recording), #summary = :s, #count = :c, "
              + "#type = :type, #grantId = :g")
          .conditionExpression("attribute_not_exists(PK) OR #hash = :h")
          .expressionAttributeNames(Map.of("#hash", "decisionHash", "#state", "state", "#summary", "summary",
              "#count", "shareCount", "#type", "type", "#grantId", "grantId"))
          .expressionAttributeValues(Map.of(":h", s(hash), ":recording", s("RECORDING"), ":s", s(summary),
              ":c", n(d.shares().size()), ":type", s("redistribution"), ":g", s(d.grantId())))
          .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)).attributes();
    } catch (ConditionalCheckFailedException e) {
      throw Refusal.conflict("redistribution-differs", "a different redistribution of " + d.grantId()
          + " is already recorded; the inputs must have changed after the deadline");
    }
    if ("RECORDED".equals(Items.str(header, "state"))) {
      return Outcome.ALREADY_RECORDED;
    }
    for (int ord = 0; ord < d.shares().size(); ord++) {
      Redistribution.RecipientShare share = d.shares().get(ord);
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", s(pk));
      item.put("SK", s("REDIST#" + share.recipientId()));
      item.put("type", s("redistribution-share"));
      item.put("grantId", s(d.grantId()));
      item.put("recipientId", s(share.recipientId()));
      item.put("orgnr", s(share.orgnr()));
      item.put("name", s(share.name()));
      item.put("total", n(share.total()));
      item.put("json", s(Json.write(RedistributionJson.share(share))));
      item.put("ord", n(ord));
      item.put("version", n(1));
      item.put("decisionHash", s(hash));
      if (share.total() == 0) {
        item.put("status", s("NOTHING")); // opted in, its keys gave nothing: part of the decision, never paid
      } else {
        item.put("status", s("UNPAID"));
        item.put("GSI1PK", s(unpaidIndex(d.grantId())));
        item.put("GSI1SK", s(share.recipientId()));
      }
      try {
        db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
      } catch (ConditionalCheckFailedException writtenByAnEarlierRun) {
        // the same decision (the header's hash matched): already there, perhaps already paid
      }
    }
    beforeFinal.run();
    AuditEntry audit = new AuditEntry(d.grantId(), "redistribution/" + d.grantId(), 1, at, by,
        "redistribution.recorded", null, Json.object().put("decisionHash", hash).put("shares", d.shares().size())
            .set("decision", RedistributionJson.parse(summary)));
    try {
      db.transactWriteItems(t -> t.transactItems(
          TransactWriteItem.builder().update(Update.builder().tableName(table).key(Items.key(pk, "REDIST"))
              .updateExpression("SET #state = :recorded, #at = :at, #by = :by")
              .conditionExpression("#state = :recording AND #hash = :h")
              .expressionAttributeNames(Map.of("#state", "state", "#at", "recordedAt", "#by", "recordedBy",
                  "#hash", "decisionHash"))
              .expressionAttributeValues(Map.of(":recorded", s("RECORDED"), ":recording", s("RECORDING"), ":h", s(hash),
                  ":at", s(at.toString()), ":by", s(by.describe()))).build()).build(),
          AuditItems.put(table, audit)));
      return Outcome.RECORDED;
    } catch (TransactionCanceledException concurrentRunFinishedFirst) {
      return Outcome.ALREADY_RECORDED;
    }
  }

  @Override
  public List<Share> unpaidShares(String grantId) {
    return Table.queryGsi1(db, table, unpaidIndex(grantId)).stream().map(DynamoRedistributionStore::share).toList();
  }

  @Override
  public List<Share> shares(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "REDIST#").stream()
        .filter(i -> !"NOTHING".equals(Items.str(i, "status"))).map(DynamoRedistributionStore::share).toList();
  }

  public static Share share(Map<String, AttributeValue> i) {
    return new Share(Items.str(i, "grantId"), Items.str(i, "recipientId"), Items.str(i, "orgnr"), Items.str(i, "name"),
        Items.num(i, "total"), Items.str(i, "json"), "PAID".equals(Items.str(i, "status")), Items.num(i, "version"));
  }
}
