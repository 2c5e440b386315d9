package se.bidrag.redistribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import se.bidrag.json.Json;

/** The redistribution decision as JSON (the preview, the recorded decision, the audit entry). */
public final class RedistributionJson {
  private RedistributionJson() {}

  /** The decision as it would be now, marked a preview. */
  public static ObjectNode preview(Redistribution.Decision d) {
    return decision(d).put("preview", true);
  }

  /** The recorded decision as written, with when, by whom and its hash. */
  public static ObjectNode recorded(RedistributionStore.RecordedDecision decision) {
    RedistributionStore.Recorded recorded = decision.header();
    ObjectNode body = parse(decision.json());
    return body.put("recordedAt", recorded.recordedAt().toString()).put("recordedBy", recorded.recordedBy())
        .put("decisionHash", recorded.decisionHash());
  }

  /** The decision without its shares (the pots and totals), as the header item and the audit entry keep it. */
  public static String summary(Redistribution.Decision d) {
    ObjectNode o = decision(d);
    o.remove("shares");
    return Json.write(o);
  }

  /** The decision's JSON put together again from its summary and its shares' JSON in the decision's order. */
  public static String assemble(String summary, java.util.List<String> shares) {
    ObjectNode o = parse(summary);
    ArrayNode array = o.putArray("shares");
    shares.forEach(s -> array.add(parse(s)));
    return Json.write(o);
  }

  static ObjectNode parse(String json) {
    return (ObjectNode) Json.parse(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  public static ObjectNode decision(Redistribution.Decision d) {
    ObjectNode o = Json.object();
    o.put("grant", d.grantId());
    o.put("redistributed", d.redistributed());
    o.put("unallocated", d.unallocated());
    ArrayNode pots = o.putArray("pots");
    for (Redistribution.PotOutcome p : d.pots()) {
      ObjectNode po = pots.addObject().put("potId", p.potId()).put("amount", p.amount())
          .put("requisitioned", p.requisitioned()).put("unclaimed", p.unclaimed()).put("optedIn", p.optedIn())
          .put("redistributed", p.redistributed()).put("remainder", p.unallocated());
      po.put("optedInKeys", p.optedInKeys());
      if (p.unclaimed() > 0 && p.redistributed() == 0) {
        po.put("note", "nobody who requisitioned from this pot asked for remaining funds (or their keys are zero): "
            + p.unallocated() + " kr stay unallocated");
      }
    }
    ArrayNode shares = o.putArray("shares");
    d.shares().forEach(s -> shares.add(share(s)));
    return o;
  }

  public static ObjectNode share(Redistribution.RecipientShare s) {
    ObjectNode so = Json.object().put("recipientId", s.recipientId()).put("orgnr", s.orgnr()).put("name", s.name())
        .put("kind", s.kind()).put("total", s.total());
    ArrayNode extras = so.putArray("extras");
    for (Redistribution.Extra e : s.extras()) {
      ObjectNode x = extras.addObject().put("potId", e.potId()).put("amount", e.amount());
      x.put("keyValue", e.keyValue());
      x.put("denominator", e.denominator());
      x.put("share", e.share()).put("exactAmount", e.exactAmount()).put("roundedUp", e.roundedUp());
    }
    return so;
  }
}
