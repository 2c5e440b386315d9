package se.bidrag.integration.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import se.bidrag.json.Json;

/** The fuzz's bodies: a valid body broken, shortened or extended, or no JSON object at all. */
final class FuzzBodies {
  private FuzzBodies() {}

  @SafeVarargs
  static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** The body of the kind, made from a body the route accepts. */
  static String body(ObjectNode valid, HttpFuzzIT.BodyKind kind, Random random) {
    return switch (kind) {
      case NONE -> null;
      case EMPTY -> "";
      case VALID -> Json.write(valid);
      case BROKEN_FIELD -> Json.write(mutate(valid, random, Mutation.BREAK));
      case MISSING_FIELD -> Json.write(mutate(valid, random, Mutation.REMOVE));
      case UNKNOWN_FIELD -> Json.write(mutate(valid, random, Mutation.ADD));
      case WRONG_ROOT -> pick(random, "null", "[]", "[{}]", "1", "\"text\"", "true", "-0", "1e999");
      case MALFORMED -> {
        String s = Json.write(valid);
        yield pick(random, s.substring(0, Math.max(1, s.length() / 2)), s + "}", s.replace(":", ""), "{'a':1}",
            "{\"amount\":1,\"amount\":2}", "{\"a\":NaN}", "\uFEFF" + s, s.replace("\"", "'"), "{\"a\":\"\\uD800\"}");
      }
      case DEEP -> "[".repeat(5000) + "]".repeat(5000);
      case OVERSIZED -> "{\"x\":\"" + "a".repeat(70 * 1024) + "\"}";
      case RANDOM_JSON -> Json.write(randomJson(random, 3));
      case TEXT -> pick(random, "amount=100", "<xml/>", "\u0000\u0001\u0002", "hello", "--x\r\nContent-Disposition: form-data");
    };
  }

  enum Mutation { BREAK, REMOVE, ADD }

  static JsonNode mutate(ObjectNode body, Random random, Mutation mutation) {
    List<ObjectNode> parents = new ArrayList<>();
    collectObjects(body, parents);
    ObjectNode parent = parents.get(random.nextInt(parents.size()));
    List<String> names = new ArrayList<>();
    parent.fieldNames().forEachRemaining(names::add);
    if (mutation == Mutation.ADD || names.isEmpty()) {
      parent.set(pick(random, "extra", "__proto__", "amount ", "AMOUNT", "", "version", "status", "paid"),
          boundary(random));
    } else if (mutation == Mutation.REMOVE) {
      parent.remove(names.get(random.nextInt(names.size())));
    } else {
      parent.set(names.get(random.nextInt(names.size())), boundary(random));
    }
    return body;
  }

  static void collectObjects(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      collectObjects(it.next(), out);
    }
  }

  static JsonNode boundary(Random random) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return pick(random, f.nullNode(), f.textNode(""), f.textNode(" "), f.numberNode(0), f.numberNode(-1),
        f.numberNode(1), f.numberNode(Long.MAX_VALUE), f.numberNode(Long.MIN_VALUE), f.numberNode(Integer.MAX_VALUE + 1L),
        f.numberNode(new java.math.BigInteger("99999999999999999999999")), f.numberNode(1.5), f.numberNode(1e308),
        f.numberNode(-0.0), f.textNode("100"), f.booleanNode(true), f.arrayNode(), f.objectNode(),
        f.arrayNode().add(f.nullNode()), f.arrayNode().add(99).add(-1).add(8), f.textNode("a".repeat(10_000)),
        f.textNode("\u0000"), f.textNode("<script>alert(1)</script>"), f.textNode("not-an-email"),
        f.textNode("2025-02-30"), f.textNode("\uD83D\uDE00".repeat(100)), f.textNode("admin"));
  }

  static JsonNode randomJson(Random random, int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    int kind = depth == 0 ? random.nextInt(4) : random.nextInt(6);
    return switch (kind) {
      case 0 -> f.numberNode(random.nextLong());
      case 1 -> f.textNode(Long.toString(random.nextLong(), 36));
      case 2 -> f.booleanNode(random.nextBoolean());
      case 3 -> f.nullNode();
      case 4 -> {
        ArrayNode a = f.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(randomJson(random, depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = f.objectNode();
        for (int i = random.nextInt(5); i > 0; i--) {
          o.set(pick(random, "amount", "areas", "role", "name", "email", "unspent", "usedPerArea", "reason",
              "recipientId", "x"), randomJson(random, depth - 1));
        }
        yield o;
      }
    };
  }
}
