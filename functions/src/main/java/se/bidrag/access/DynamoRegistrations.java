package se.bidrag.access;

import static se.bidrag.platform.Items.n;
import static se.bidrag.platform.Items.s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.bidrag.audit.AuditEntry;
import se.bidrag.audit.AuditItems;
import se.bidrag.grant.Refusal;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Registrations in the table: {@code ORG#orgnr / OMBUD} and {@code ORG#orgnr / DELEGATE#subject}.
 * Each change is a versioned conditional write with its audit entry in the same transaction.
 */
public final class DynamoRegistrations implements Registrations {
  private static final int ATTEMPTS = 5;
  private final DynamoDbClient db;
  private final String table;

  public DynamoRegistrations(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  /** The organisation's partition: its ombud ({@code OMBUD}) and delegates ({@code DELEGATE#subject}). */
  public static String pk(String orgnr) {
    return "ORG#" + orgnr;
  }

  @Override
  public Optional<Ombud> ombud(String orgnr) {
    return Table.get(db, table, pk(orgnr), "OMBUD").map(i -> ombud(orgnr, i));
  }

  public static Ombud ombud(String orgnr, Map<String, AttributeValue> i) {
    return new Ombud(orgnr, Items.str(i, "subject"), Items.str(i, "name"), Items.str(i, "email"),
        Instant.parse(Items.str(i, "at")), Items.str(i, "by"), Items.num(i, "version"));
  }

  @Override
  public Optional<Delegate> delegate(String orgnr, String subject) {
    return Table.get(db, table, pk(orgnr), "DELEGATE#" + subject).map(i -> delegate(orgnr, i));
  }

  @Override
  public List<Delegate> delegates(String orgnr) {
    return Table.queryPrefix(db, table, pk(orgnr), "DELEGATE#").stream().map(i -> delegate(orgnr, i)).toList();
  }

  public static Delegate delegate(String orgnr, Map<String, AttributeValue> i) {
    return new Delegate(orgnr, Items.str(i, "subject"), Role.parse(Items.str(i, "role")).orElseThrow(),
        Items.str(i, "name"), Instant.parse(Items.str(i, "at")), Items.str(i, "by"), Items.num(i, "version"));
  }

  @Override
  public Ombud registerOmbud(String orgnr, String subject, String name, String email, Instant at, Caller by) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Ombud> before = ombud(orgnr);
      long version = before.map(Ombud::version).orElse(0L) + 1;
      Ombud after = new Ombud(orgnr, subject, name, email, at, by.describe(), version);
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", s(pk(orgnr)));
      item.put("SK", s("OMBUD"));
      item.put("type", s("ombud"));
      item.put("orgnr", s(orgnr));
      item.put("subject", s(subject));
      item.put("name", s(name));
      if (email != null) {
        item.put("email", s(email));
      }
      item.put("at", s(at.toString()));
      item.put("by", s(by.describe()));
      item.put("version", n(version));
      if (write(item, before.map(Ombud::version), "organisation/" + orgnr + "/ombud", version, at, by,
          "ombud.registered", before.map(RegistrationJson::json).orElse(null), RegistrationJson.json(after))) {
        return after;
      }
    }
    throw Refusal.conflict("concurrent-change", "the ombud of " + orgnr + " is being changed concurrently; try again");
  }

  @Override
  public Delegate invite(String orgnr, String subject, Role role, String name, Instant at, Caller by) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Delegate> before = delegate(orgnr, subject);
      long version = before.map(Delegate::version).orElse(0L) + 1;
      Delegate after = new Delegate(orgnr, subject, role, name, at, by.describe(), version);
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", s(pk(orgnr)));
      item.put("SK", s("DELEGATE#" + subject));
      item.put("type", s("delegate"));
      item.put("orgnr", s(orgnr));
      item.put("subject", s(subject));
      item.put("role", s(role.code()));
      item.put("name", s(name));
      item.put("at", s(at.toString()));
      item.put("by", s(by.describe()));
      item.put("version", n(version));
      if (write(item, before.map(Delegate::version), "organisation/" + orgnr + "/delegate/" + subject, version, at,
          by, "delegate.invited", before.map(RegistrationJson::json).orElse(null), RegistrationJson.json(after))) {
        return after;
      }
    }
    throw Refusal.conflict("concurrent-change", subject + " is being changed concurrently; try again");
  }

  @Override
  public boolean remove(String orgnr, String subject, Instant at, Caller by) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Delegate> before = delegate(orgnr, subject);
      if (before.isEmpty()) {
        return false;
      }
      long version = before.get().version();
      AuditEntry audit = new AuditEntry(null, "organisation/" + orgnr + "/delegate/" + subject, version + 1, at, by,
          "delegate.removed", RegistrationJson.json(before.get()), null);
      try {
        db.transactWriteItems(t -> t.transactItems(
            TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(Items.key(pk(orgnr), "DELEGATE#" + subject))
                .conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(Map.of(":v", n(version))).build()).build(),
            AuditItems.put(table, audit)));
        return true;
      } catch (TransactionCanceledException e) {
        // changed meanwhile: read again
      }
    }
    throw Refusal.conflict("concurrent-change", subject + " is being changed concurrently; try again");
  }

  private boolean write(Map<String, AttributeValue> item, Optional<Long> expectedVersion, String entity, long version,
      Instant at, Caller by, String action, ObjectNode before, ObjectNode after) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (expectedVersion.isPresent()) {
      put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
          .expressionAttributeValues(Map.of(":v", n(expectedVersion.get())));
    } else {
      put.conditionExpression("attribute_not_exists(PK)");
    }
    AuditEntry audit = new AuditEntry(null, entity, version, at, by, action, before, after);
    try {
      db.transactWriteItems(t -> t.transactItems(TransactWriteItem.builder().put(put.build()).build(),
          AuditItems.put(table, audit)));
      return true;
    } catch (TransactionCanceledException e) {
      return false;
    }
  }
}
