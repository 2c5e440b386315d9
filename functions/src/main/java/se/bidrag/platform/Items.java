package se.bidrag.platform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for DynamoDB attribute maps. */
public final class Items {
  private Items() {}

  public static AttributeValue s(String v) {
    return AttributeValue.fromS(v);
  }

  public static AttributeValue n(long v) {
    return AttributeValue.fromN(Long.toString(v));
  }

  public static AttributeValue bool(boolean v) {
    return AttributeValue.fromBool(v);
  }

  public static AttributeValue ss(Collection<String> v) {
    return AttributeValue.fromSs(List.copyOf(v));
  }

  public static AttributeValue longs(Map<String, Long> v) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    v.forEach((k, x) -> m.put(k, n(x)));
    return AttributeValue.fromM(m);
  }

  public static Map<String, Long> longs(AttributeValue v) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (v != null && v.m() != null) {
      v.m().forEach((k, x) -> out.put(k, Long.parseLong(x.n())));
    }
    return out;
  }

  public static String str(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null ? null : v.s();
  }

  public static long num(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  public static boolean flag(Map<String, AttributeValue> item, String name) {
    AttributeValue v = item.get(name);
    return v != null && Boolean.TRUE.equals(v.bool());
  }

  public static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("PK", s(pk), "SK", s(sk));
  }
}
