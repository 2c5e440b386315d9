package se.bidrag.audittrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import se.bidrag.json.Json;

/** The trail as the API shows it: each entry with its actor and its state before and after. */
final class AuditTrailJson {
  private AuditTrailJson() {}

  static ObjectNode page(String grantId, AuditTrail.Page page, Function<String, String> nextHref, String cursor) {
    ObjectNode body = Json.object().put("grant", grantId);
    ArrayNode list = body.putArray("entries");
    for (AuditTrail.Entry e : page.entries()) {
      ObjectNode o = list.addObject().put("at", e.at().toString()).put("entity", e.entity())
          .put("sequence", e.sequence()).put("action", e.action());
      o.putObject("actor").put("orgnr", e.actorOrgnr()).put("roles", e.actorRoles()).put("subject", e.actorSubject());
      if (e.recipientId() != null) {
        o.put("recipientId", e.recipientId());
      }
      if (e.orgnr() != null) {
        o.put("orgnr", e.orgnr());
      }
      if (e.grantId() == null) {
        o.put("scope", "organisation");
      }
      o.set("before", parse(e.before()));
      o.set("after", parse(e.after()));
    }
    body.put("count", page.entries().size());
    if (page.next() != null) {
      body.put("next", cursor);
      body.putObject("links").put("next", nextHref.apply(cursor));
    } else {
      body.putNull("next");
    }
    return body;
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String text) {
    if (text == null) {
      return Json.object().nullNode();
    }
    try {
      return Json.parse(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an audit entry's state is not JSON", e);
    }
  }
}
