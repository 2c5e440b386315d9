package se.bidrag.reporting;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reports in the table: {@code GRANT#id / REPORT#recipientId} (versioned; GSI1 lists those awaiting an
 * invoice) and {@code GRANT#id / REPORTROUND#n} for each round that ran.
 */
public final class DynamoReportStore implements ReportStore {
  private final DynamoDbClient db;
  private final String table;

  public DynamoReportStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String awaitingIndex(String grantId) {
    return "REPORT#" + grantId + "#INVOICE_PENDING";
  }

  @Override
  public Optional<Report> find(String grantId, String recipientId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "REPORT#" + recipientId)
        .map(DynamoReportStore::report);
  }

  @Override
  public List<Report> all(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "REPORT#").stream()
        .map(DynamoReportStore::report).toList();
  }

  @Override
  public boolean write(Report before, Report r, AuditEntry audit) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(r.grantId())));
    item.put("SK", s("REPORT#" + r.recipientId()));
    item.put("type", s("report"));
    item.put("grantId", s(r.grantId()));
    item.put("recipientId", s(r.recipientId()));
    item.put("name", s(r.name()));
    item.put("version", n(r.version()));
    item.put("received", n(r.received()));
    Map<String, AttributeValue> used = new HashMap<>();
    r.usedPerArea().forEach((area, amount) -> used.put(Integer.toString(area), n(amount)));
    item.put("usedPerArea", AttributeValue.fromM(used));
    item.put("unspent", n(r.unspent()));
    item.put("account", s(r.account()));
    item.put("reporterName", s(r.reporterName()));
    item.put("reporterEmail", s(r.reporterEmail()));
    item.put("submittedAt", s(r.submittedAt().toString()));
    item.put("late", Items.bool(r.late()));
    item.put("separateAccounting", Items.bool(r.separateAccounting()));
    boolean forInvoicing = r.unspent() > 0 || before != null && before.unspent() > 0;
    item.put("invoicing", s(forInvoicing ? "PENDING" : "NONE"));
    if (forInvoicing) {
      item.put("GSI1PK", s(awaitingIndex(r.grantId())));
      item.put("GSI1SK", s(r.recipientId()));
    }
    return putWithAudit(item, before == null ? 0 : before.version(), audit);
  }

  @Override
  public Set<Integer> roundsDone(String grantId) {
    return Table.queryPrefix(db, table, DynamoAllocationStore.grantPk(grantId), "REPORTROUND#").stream()
        .map(i -> (int) Items.num(i, "round")).collect(Collectors.toSet());
  }

  @Override
  public boolean markRound(String grantId, Rounds.Round round, int jobs, Instant at) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(grantId)));
    item.put("SK", s("REPORTROUND#" + round.number()));
    item.put("type", s("reporting-round"));
    item.put("round", n(round.number()));
    item.put("kind", s(round.kind()));
    item.put("date", s(round.date().toString()));
    item.put("jobs", n(jobs));
    item.put("at", s(at.toString()));
    try {
      db.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(PK)"));
      return true;
    } catch (ConditionalCheckFailedException ranAlready) {
      return false;
    }
  }

  @Override
  public LinkState linkState(String grantId, String recipientId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "REPORTLINK#" + recipientId)
        .map(i -> new LinkState(grantId, recipientId, Items.num(i, "version"), Items.num(i, "generation"),
            i.containsKey("lastRequestAt") ? Instant.parse(Items.str(i, "lastRequestAt")) : null,
            i.containsKey("requestDay") ? java.time.LocalDate.parse(Items.str(i, "requestDay")) : null,
            (int) Items.num(i, "requestsThatDay")))
        .orElse(LinkState.none(grantId, recipientId));
  }

  @Override
  public boolean writeLinkState(LinkState before, LinkState after, AuditEntry audit) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(after.grantId())));
    item.put("SK", s("REPORTLINK#" + after.recipientId()));
    item.put("type", s("report-link"));
    item.put("version", n(after.version()));
    item.put("generation", n(after.generation()));
    if (after.lastRequestAt() != null) {
      item.put("lastRequestAt", s(after.lastRequestAt().toString()));
      item.put("requestDay", s(after.requestDay().toString()));
      item.put("requestsThatDay", n(after.requestsThatDay()));
    }
    return putWithAudit(item, before.version(), audit);
  }

  @Override
  public List<Report> awaitingInvoice(String grantId) {
    return Table.queryGsi1(db, table, awaitingIndex(grantId)).stream().map(DynamoReportStore::report).toList();
  }

  @Override
  public void markInvoiced(String grantId, String recipientId, long version) {
    try {
      db.transactWriteItems(t -> t.transactItems(markInvoiced(table, grantId, recipientId, version)));
    } catch (TransactionCanceledException correctedMeanwhile) {
      // a newer version awaits its own invoicing
    }
  }

  /**
   * Marks this version of the report as taken care of by invoicing (it leaves the awaiting list), on
   * condition that it is still the current version; for invoicing's own transactions.
   */
  public static TransactWriteItem markInvoiced(String table, String grantId, String recipientId, long version) {
    return TransactWriteItem.builder().update(Update.builder().tableName(table)
        .key(Items.key(DynamoAllocationStore.grantPk(grantId), "REPORT#" + recipientId))
        .updateExpression("SET #inv = :done REMOVE #gsi, #gsisk").conditionExpression("#v = :v")
        .expressionAttributeNames(Map.of("#inv", "invoicing", "#gsi", "GSI1PK", "#gsisk", "GSI1SK", "#v", "version"))
        .expressionAttributeValues(Map.of(":done", s("DONE"), ":v", n(version))).build()).build();
  }

  static Report report(Map<String, AttributeValue> i) {
    TreeMap<Integer, Long> used = new TreeMap<>();
    if (i.get("usedPerArea") != null && i.get("usedPerArea").m() != null) {
      i.get("usedPerArea").m().forEach((k, v) -> used.put(Integer.parseInt(k), Long.parseLong(v.n())));
    }
    return new Report(Items.str(i, "grantId"), Items.str(i, "recipientId"), Items.str(i, "name"), Items.num(i, "version"),
        Items.num(i, "received"), used, Items.num(i, "unspent"), Items.str(i, "account"), Items.str(i, "reporterName"),
        Items.str(i, "reporterEmail"), Instant.parse(Items.str(i, "submittedAt")), Items.flag(i, "late"),
        Items.flag(i, "separateAccounting"));
  }

  /**
   * Puts the item with its audit entry in one transaction, if the stored version is still {@code version}
   * (0: no item yet); false when another write came first.
   */
  private boolean putWithAudit(Map<String, AttributeValue> item, long version, AuditEntry audit) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (version == 0) {
      put.conditionExpression("attribute_not_exists(PK)");
    } else {
      put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
          .expressionAttributeValues(Map.of(":v", n(version)));
    }
    try {
      db.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().put(put.build()).build(),
          AuditItems.put(table, audit)));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }
}
