package se.bidrag.invoicing;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.allocation.DynamoAllocationStore;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import se.bidrag.reporting.DynamoReportStore;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Invoices in the table:
 * <ul>
 *   <li>{@code COUNTER#INVOICE / YEAR#2026#SERIES#0}: the last sequence number of the year's series (one
 *       series per grant that invoices: its definition's {@code invoicing.series});
 *   <li>{@code INVOICE#<number> / INVOICE}: the invoice (GSI1 {@code INVOICES#<grant>} lists a grant's),
 *       with {@code DOC#pdf} and {@code DOC#ubl} beside it;
 *   <li>{@code GRANT#<id> / INVSRC#<source>}: what a source issued (at most once);
 *   <li>{@code GRANT#<id> / INVBAL#<recipient>}: the recipient's net invoiced amount;
 *   <li>{@code GRANT#<id> / INVREPORT#<recipient>}: the invoice claiming its reported unspent money;
 *   <li>{@code GRANT#<id> / NONREPORTERS}: the list made after the reporting deadline.
 * </ul>
 * An issuing is one transaction: the counter moves from the number read to the last number issued
 * (so two issuings can never take the same number, and none can leave a gap), the documents are put
 * only if new, the source only if new, and the balance and the credited invoice only within bounds.
 */
public final class DynamoInvoiceStore implements InvoiceStore {
  private static final String COUNTER_PK = "COUNTER#INVOICE";
  private static final String NONE = "none";

  private final DynamoDbClient db;
  private final String table;

  public DynamoInvoiceStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String invoicePk(String number) {
    return "INVOICE#" + number;
  }

  static String grantIndex(String grantId) {
    return "INVOICES#" + grantId;
  }

  @Override
  public long lastSequence(int year, int series) {
    return Table.get(db, table, COUNTER_PK, counterSk(year, series)).map(i -> Items.num(i, "last")).orElse(0L);
  }

  static String counterSk(int year, int series) {
    return "YEAR#" + year + "#SERIES#" + series;
  }

  @Override
  public Optional<Source> source(String grantId, String source) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "INVSRC#" + source).map(i -> new Source(
        grantId, source, Arrays.asList(Items.str(i, "numbers").split(",")), Items.str(i, "requestHash")));
  }

  /** What each transaction item guards, to tell why a transaction was cancelled. */
  private enum Guard { COUNTER, DOCUMENT, SOURCE, BALANCE, CREDIT, REPORT, AUDIT, PROPOSAL }

  @Override
  public Outcome issue(Issuing is) {
    List<TransactWriteItem> writes = new ArrayList<>();
    List<Guard> guards = new ArrayList<>();
    long last = is.lastSequence() + is.documents().size();
    Map<String, AttributeValue> counterKey = Items.key(COUNTER_PK, counterSk(is.year(), is.series()));
    if (is.lastSequence() == 0) {
      Map<String, AttributeValue> counter = new HashMap<>(counterKey);
      counter.put("type", s("invoice-counter"));
      counter.put("year", n(is.year()));
      counter.put("series", n(is.series()));
      counter.put("last", n(last));
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(counter)
          .conditionExpression("attribute_not_exists(PK)").build()).build());
    } else {
      writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(counterKey)
          .updateExpression("SET #last = :last").conditionExpression("#last = :read")
          .expressionAttributeNames(Map.of("#last", "last"))
          .expressionAttributeValues(Map.of(":last", n(last), ":read", n(is.lastSequence()))).build()).build());
    }
    guards.add(Guard.COUNTER);

    for (Document d : is.documents()) {
      writes.add(put(invoiceItem(d.invoice())));
      guards.add(Guard.DOCUMENT);
      writes.add(put(documentItem(d.invoice().number(), "pdf", d.pdf())));
      guards.add(Guard.DOCUMENT);
      writes.add(put(documentItem(d.invoice().number(), "ubl", d.ubl())));
      guards.add(Guard.DOCUMENT);
    }

    Map<String, AttributeValue> source = new HashMap<>();
    source.put("PK", s(DynamoAllocationStore.grantPk(is.grantId())));
    source.put("SK", s("INVSRC#" + is.source()));
    source.put("type", s("invoice-source"));
    source.put("numbers", s(String.join(",", is.documents().stream().map(d -> d.invoice().number()).toList())));
    if (is.requestHash() != null) {
      source.put("requestHash", s(is.requestHash()));
    }
    writes.add(put(source));
    guards.add(Guard.SOURCE);

    long change = is.netChange();
    if (change > is.received()) {
      return Outcome.OVER_LIMIT;
    }
    if (change != 0) {
      Update.Builder balance = Update.builder().tableName(table)
          .key(Items.key(DynamoAllocationStore.grantPk(is.grantId()), "INVBAL#" + is.recipientId()));
      if (change > 0) {
        balance.updateExpression("SET #inv = if_not_exists(#inv, :zero) + :change, #t = :type")
            .expressionAttributeNames(Map.of("#inv", "invoiced", "#t", "type"))
            .conditionExpression("attribute_not_exists(#inv) OR #inv <= :max")
            .expressionAttributeValues(Map.of(":zero", n(0), ":change", n(change), ":max", n(is.received() - change),
                ":type", s("invoice-balance")));
      } else {
        balance.updateExpression("SET #inv = #inv - :credit").conditionExpression("#inv >= :credit")
            .expressionAttributeNames(Map.of("#inv", "invoiced"))
            .expressionAttributeValues(Map.of(":credit", n(-change)));
      }
      writes.add(TransactWriteItem.builder().update(balance.build()).build());
      guards.add(Guard.BALANCE);
    }

    if (is.credit() != null) {
      writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
          .key(Items.key(invoicePk(is.credit().number()), "INVOICE"))
          .updateExpression("SET #out = #out - :a, #cr = #cr + :a").conditionExpression("#out >= :a")
          .expressionAttributeNames(Map.of("#out", "outstanding", "#cr", "credited"))
          .expressionAttributeValues(Map.of(":a", n(is.credit().amount()))).build()).build());
      guards.add(Guard.CREDIT);
    }
    if (is.report() != null) {
      writes.add(DynamoReportStore.markInvoiced(table, is.grantId(), is.recipientId(), is.report().version()));
      guards.add(Guard.REPORT);
      String next = is.documents().stream().map(Document::invoice).filter(i -> !i.isCreditNote()).map(Invoice::number)
          .findFirst().orElse(NONE);
      Update.Builder link = Update.builder().tableName(table)
          .key(Items.key(DynamoAllocationStore.grantPk(is.grantId()), "INVREPORT#" + is.recipientId()))
          .updateExpression("SET #cur = :next, #v = :v, #t = :type");
      if (is.report().previous() == null) {
        link.conditionExpression("attribute_not_exists(#cur) OR #cur = :none")
            .expressionAttributeValues(Map.of(":next", s(next), ":v", n(is.report().version()), ":none", s(NONE),
                ":type", s("report-invoice")));
      } else {
        link.conditionExpression("#cur = :prev").expressionAttributeValues(Map.of(":next", s(next),
            ":v", n(is.report().version()), ":prev", s(is.report().previous()), ":type", s("report-invoice")));
      }
      writes.add(TransactWriteItem.builder().update(link.expressionAttributeNames(Map.of("#cur", "current",
          "#v", "version", "#t", "type")).build()).build());
      guards.add(Guard.REPORT);
    }
    for (AuditEntry a : is.audit()) {
      writes.add(AuditItems.put(table, a));
      guards.add(Guard.AUDIT);
    }
    if (is.approval() != null) {
      for (TransactWriteItem w : DynamoInvoiceProposals.decided(table, is.approval().proposal(),
          is.approval().decision(), is.approval().audit())) {
        writes.add(w);
        guards.add(Guard.PROPOSAL);
      }
    }

    try {
      db.transactWriteItems(t -> t.transactItems(writes));
      return Outcome.ISSUED;
    } catch (TransactionConflictException e) {
      return Outcome.CONFLICT;
    } catch (TransactionCanceledException e) {
      return why(Table.reasonCodes(e), guards);
    }
  }

  private static Outcome why(List<String> codes, List<Guard> guards) {
    List<Guard> failed = new ArrayList<>();
    for (int i = 0; i < codes.size() && i < guards.size(); i++) {
      if ("ConditionalCheckFailed".equals(codes.get(i))) {
        failed.add(guards.get(i));
      }
    }
    if (failed.contains(Guard.SOURCE)) {
      return Outcome.SOURCE_TAKEN;
    }
    if (failed.contains(Guard.PROPOSAL)) {
      return Outcome.DECIDED;
    }
    if (failed.contains(Guard.COUNTER) || failed.contains(Guard.DOCUMENT) || failed.contains(Guard.AUDIT)) {
      return Outcome.NUMBER_TAKEN;
    }
    if (failed.contains(Guard.REPORT)) {
      return Outcome.REPORT_CHANGED;
    }
    if (failed.contains(Guard.CREDIT)) {
      return Outcome.NOT_OUTSTANDING;
    }
    if (failed.contains(Guard.BALANCE)) {
      return Outcome.OVER_LIMIT;
    }
    return Outcome.CONFLICT; // TransactionConflict, or a reason without a condition failure
  }

  private TransactWriteItem put(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }

  private static Map<String, AttributeValue> documentItem(String number, String format, byte[] content) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(invoicePk(number)));
    item.put("SK", s("DOC#" + format));
    item.put("type", s("invoice-document"));
    item.put("content", AttributeValue.fromB(SdkBytes.fromByteArray(content)));
    return item;
  }

  static Map<String, AttributeValue> invoiceItem(Invoice inv) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(invoicePk(inv.number())));
    item.put("SK", s("INVOICE"));
    item.put("GSI1PK", s(grantIndex(inv.grantId())));
    item.put("GSI1SK", s(inv.number()));
    item.put("type", s("invoice"));
    item.put("document", s(Json.write(InvoiceJson.document(inv))));
    item.put("number", s(inv.number()));
    item.put("grantId", s(inv.grantId()));
    item.put("recipientId", s(inv.recipientId()));
    item.put("amount", n(inv.amount()));
    item.put("outstanding", n(inv.isCreditNote() ? 0 : inv.amount()));
    item.put("credited", n(0));
    item.put("mailed", Items.bool(false));
    return item;
  }

  static StoredInvoice stored(Map<String, AttributeValue> i) {
    try {
      Invoice inv = InvoiceJson.parseDocument(Json.parse(Items.str(i, "document")));
      return new StoredInvoice(inv, Items.num(i, "credited"), Items.flag(i, "mailed"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("invoice item " + Items.str(i, "PK") + " is damaged", e);
    }
  }

  @Override
  public Optional<StoredInvoice> find(String number) {
    return Table.get(db, table, invoicePk(number), "INVOICE").map(DynamoInvoiceStore::stored);
  }

  @Override
  public Optional<byte[]> document(String number, Format format) {
    String sk = "DOC#" + (format == Format.PDF ? "pdf" : "ubl");
    return Table.get(db, table, invoicePk(number), sk).map(i -> i.get("content").b().asByteArray());
  }

  @Override
  public List<StoredInvoice> ofGrant(String grantId) {
    return Table.queryGsi1(db, table, grantIndex(grantId)).stream().map(DynamoInvoiceStore::stored)
        .sorted(Comparator.comparing(s -> s.invoice().number())).toList();
  }

  @Override
  public long netInvoiced(String grantId, String recipientId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "INVBAL#" + recipientId)
        .map(i -> Items.num(i, "invoiced")).orElse(0L);
  }

  @Override
  public Optional<String> reportInvoice(String grantId, String recipientId) {
    return Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "INVREPORT#" + recipientId)
        .map(i -> Items.str(i, "current")).filter(current -> !current.equals(NONE));
  }

  @Override
  public void markMailed(String number) {
    db.updateItem(u -> u.tableName(table).key(Items.key(invoicePk(number), "INVOICE"))
        .updateExpression("SET #m = :t").conditionExpression("attribute_exists(PK)")
        .expressionAttributeNames(Map.of("#m", "mailed")).expressionAttributeValues(Map.of(":t", Items.bool(true))));
  }

  @Override
  public void saveNonReporters(NonReporters list) {
    ArrayNode entries = Json.array();
    for (NonReporters.Entry e : list.recipients()) {
      entries.addObject().put("recipientId", e.recipientId()).put("name", e.name()).put("orgnr", e.orgnr())
          .put("received", e.received()).put("invoiced", e.invoiced());
    }
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", s(DynamoAllocationStore.grantPk(list.grantId())));
    item.put("SK", s("NONREPORTERS"));
    item.put("type", s("non-reporters"));
    item.put("deadline", s(list.deadline().toString()));
    item.put("listedAt", s(list.listedAt().toString()));
    item.put("recipients", s(Json.write(entries)));
    db.putItem(p -> p.tableName(table).item(item));
  }

  @Override
  public Optional<NonReporters> nonReporters(String grantId) {
    Map<String, AttributeValue> i = Table.get(db, table, DynamoAllocationStore.grantPk(grantId), "NONREPORTERS")
        .orElse(null);
    if (i == null) {
      return Optional.empty();
    }
    List<NonReporters.Entry> entries = new ArrayList<>();
    try {
      for (JsonNode e : Json.parse(Items.str(i, "recipients"))) {
        entries.add(new NonReporters.Entry(e.path("recipientId").asText(), e.path("name").asText(),
            e.path("orgnr").asText(), e.path("received").asLong(), e.path("invoiced").asLong()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the non-reporters list of " + grantId + " is damaged", e);
    }
    return Optional.of(new NonReporters(grantId, LocalDate.parse(Items.str(i, "deadline")),
        Instant.parse(Items.str(i, "listedAt")), entries));
  }
}
