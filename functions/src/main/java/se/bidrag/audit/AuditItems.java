package se.bidrag.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import se.bidrag.json.Json;
import se.bidrag.platform.Items;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Audit entries as table items: {@code PK = AUDIT#<entity>}, {@code SK = <sequence, zero padded>}.
 * The put is conditional on the item not existing, so two writers can never both record sequence n
 * (a lost update would fail its transaction). An entry is never updated or deleted: this class only
 * puts, nothing else in the code addresses an {@code AUDIT#} key, and template.yaml denies every
 * function {@code UpdateItem} and {@code DeleteItem} on such keys.
 *
 * <p>GSI1 lists a grant's entries ({@code AUDIT#<grant>}; entries of organisations, which belong to
 * no grant, under {@code AUDIT#organisations}) in time order: the sort key is the UTC time with nine
 * fractional digits, so that it sorts as time does, then the entity and the sequence. Each item also
 * names the recipient and the organisation it concerns, where it can tell, for the trail's filters.
 */
public final class AuditItems {
  /** The GSI1 partition of entries that belong to no grant (an organisation's ombud, delegates, payout account). */
  public static final String ORGANISATIONS = "organisations";
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
  /** Entities named {@code <kind>/<grant>/<recipient>}. */
  private static final Set<String> PER_RECIPIENT = Set.of("requisition", "redistribution-share", "report");

  private AuditItems() {}

  public static String partition(String entity) {
    return "AUDIT#" + entity;
  }

  public static String sortKey(long sequence) {
    return String.format("%012d", sequence);
  }

  /** GSI1's partition of a grant's entries (or, for null, of the organisations' entries). */
  public static String index(String grantId) {
    return "AUDIT#" + (grantId == null ? ORGANISATIONS : grantId);
  }

  /** The instant as GSI1's sort key begins: sortable as text. */
  public static String sortableTime(Instant at) {
    return SORTABLE.format(at);
  }

  public static Map<String, AttributeValue> item(AuditEntry e) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("PK", Items.s(partition(e.entity())));
    item.put("SK", Items.s(sortKey(e.sequence())));
    item.put("GSI1PK", Items.s(index(e.grantId())));
    item.put("GSI1SK", Items.s(sortableTime(e.at()) + "#" + e.entity() + "#" + sortKey(e.sequence())));
    item.put("type", Items.s("audit"));
    if (e.grantId() != null) {
      item.put("grantId", Items.s(e.grantId()));
    }
    String recipient = recipientOf(e);
    if (recipient != null) {
      item.put("recipientId", Items.s(recipient));
    }
    String orgnr = orgnrOf(e);
    if (orgnr != null) {
      item.put("orgnr", Items.s(orgnr));
    }
    item.put("entity", Items.s(e.entity()));
    item.put("sequence", Items.n(e.sequence()));
    item.put("at", Items.s(e.at().toString()));
    item.put("actorOrgnr", Items.s(e.actor().orgnr()));
    item.put("actorRole", Items.s(e.actor().roleCodes()));
    item.put("actorSubject", Items.s(e.actor().subject()));
    item.put("action", Items.s(e.action()));
    item.put("before", Items.s(e.before() == null ? "null" : Json.write(e.before())));
    item.put("after", Items.s(e.after() == null ? "null" : Json.write(e.after())));
    return item;
  }

  /** The one way an entry is written: a put that fails if the entity's sequence number is taken. */
  public static TransactWriteItem put(String table, AuditEntry e) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item(e))
        .conditionExpression("attribute_not_exists(PK)").build()).build();
  }

  /** The recipient the entry concerns: named in the state (recipientId), or in the entity's name. */
  static String recipientOf(AuditEntry e) {
    for (JsonNode state : new JsonNode[] {e.after(), e.before()}) {
      if (state != null && state.path("recipientId").isTextual()) {
        return state.path("recipientId").asText();
      }
    }
    String[] parts = e.entity().split("/");
    if (e.grantId() != null && parts.length == 3 && parts[1].equals(e.grantId()) && PER_RECIPIENT.contains(parts[0])) {
      return parts[2];
    }
    return null;
  }

  /** The organisation the entry concerns: the entity's ({@code organisation/<orgnr>/...}), or the state's orgnr. */
  static String orgnrOf(AuditEntry e) {
    String[] parts = e.entity().split("/");
    if (parts.length >= 2 && parts[0].equals("organisation")) {
      return parts[1];
    }
    for (JsonNode state : new JsonNode[] {e.after(), e.before()}) {
      if (state != null && state.path("orgnr").isTextual()) {
        return state.path("orgnr").asText();
      }
    }
    return null;
  }
}
