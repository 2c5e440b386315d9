package se.bidrag.integration.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import se.bidrag.local.ProjectPaths;
import se.bidrag.local.SamTemplate;

/**
 * No function's role may update or delete an audit entry: every function whose policies allow a
 * DynamoDB action that can change or remove an item in place (UpdateItem, DeleteItem, BatchWriteItem)
 * also carries a Deny of exactly those actions on the table for partition keys {@code AUDIT#*}
 * ({@code ForAnyValue:StringLike} on {@code dynamodb:LeadingKeys}: an explicit Deny wins over any Allow,
 * and a transaction's Update and Delete are authorised as UpdateItem and DeleteItem). No function is
 * given wildcard or PartiQL write actions, which the Deny would not name.
 */
class AuditIamIT {
  static final Set<String> IN_PLACE = Set.of("dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
  static final Set<String> FORBIDDEN = Set.of("dynamodb:*", "*", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete",
      "dynamodb:PartiQLInsert");

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> statements(SamTemplate.Function f) {
    List<Map<String, Object>> out = new ArrayList<>();
    Object policies = f.properties().get("Policies");
    if (policies instanceof List<?> list) {
      for (Object p : list) {
        if (p instanceof Map<?, ?> m && m.get("Statement") instanceof List<?> st) {
          st.forEach(x -> out.add((Map<String, Object>) x));
        }
      }
    }
    return out;
  }

  static List<String> strings(Object o) {
    if (o instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    return o == null ? List.of() : List.of(String.valueOf(o));
  }

  static boolean onTable(Object resource) {
    Object table = Map.of("Fn::GetAtt", List.of("BidragTable", "Arn"));
    return resource instanceof List<?> l ? l.contains(table) : table.equals(resource);
  }

  /** The statement names every one of {@code actions} on the table for partition keys like {@code keys} alone. */
  static boolean deniesOnKeys(Map<String, Object> statement, Set<String> actions, String keys) {
    return strings(statement.get("Action")).containsAll(actions) && onTable(statement.get("Resource"))
        && statement.get("Condition") instanceof Map<?, ?> c && c.get("ForAnyValue:StringLike") instanceof Map<?, ?> like
        && strings(like.get("dynamodb:LeadingKeys")).equals(List.of(keys));
  }

  @Test
  void everyFunctionThatMayUpdateOrDeleteIsDeniedAuditKeys() {
    SamTemplate t = SamTemplate.load(ProjectPaths.template());
    Map<String, String> wrong = new TreeMap<>();
    Set<String> guarded = new TreeSet<>();
    for (SamTemplate.Function f : t.functions()) {
      Set<String> allowed = new TreeSet<>();
      List<Map<String, Object>> denies = new ArrayList<>();
      for (Map<String, Object> s : statements(f)) {
        if ("Allow".equals(s.get("Effect"))) {
          allowed.addAll(strings(s.get("Action")));
        } else if ("Deny".equals(s.get("Effect"))) {
          denies.add(s);
        }
      }
      for (String a : allowed) {
        if (FORBIDDEN.contains(a)) {
          wrong.put(f.logicalId(), "is allowed " + a);
        }
      }
      Set<String> inPlace = new TreeSet<>(allowed);
      inPlace.retainAll(IN_PLACE);
      if (inPlace.isEmpty()) {
        continue;
      }
      boolean denied = denies.stream().anyMatch(d -> deniesOnKeys(d, IN_PLACE, "AUDIT#*"));
      if (denied) {
        guarded.add(f.logicalId());
      } else {
        wrong.put(f.logicalId(), "may " + inPlace + " but has no Deny on AUDIT#* partition keys");
      }
    }
    assertEquals(Map.of(), wrong);
    assertTrue(guarded.containsAll(Set.of("PayoutJobFunction", "PaymentApiFunction", "InvoiceApiFunction",
        "OrganisationFunction", "PayoutAccountFunction", "MailApiFunction")), "guarded: " + guarded);
  }

  static final Set<String> WRITES = Set.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
      "dynamodb:BatchWriteItem");

  /** Grant definitions are immutable, operator-uploaded data: no function that may write may write a GRANTDEF* key. */
  @Test
  void everyFunctionThatMayWriteIsDeniedGrantDefinitionKeys() {
    SamTemplate t = SamTemplate.load(ProjectPaths.template());
    Map<String, String> wrong = new TreeMap<>();
    Set<String> guarded = new TreeSet<>();
    for (SamTemplate.Function f : t.functions()) {
      Set<String> writes = new TreeSet<>();
      boolean denied = false;
      for (Map<String, Object> s : statements(f)) {
        if ("Allow".equals(s.get("Effect"))) {
          strings(s.get("Action")).stream().filter(WRITES::contains).forEach(writes::add);
        } else if ("Deny".equals(s.get("Effect")) && deniesOnKeys(s, WRITES, "GRANTDEF*")) {
          denied = true;
        }
      }
      if (writes.isEmpty()) {
        continue;
      }
      if (denied) {
        guarded.add(f.logicalId());
      } else {
        wrong.put(f.logicalId(), "may " + writes + " but has no Deny on GRANTDEF* partition keys");
      }
    }
    assertEquals(Map.of(), wrong);
    assertTrue(guarded.size() >= 15, "guarded: " + guarded);
  }
}
