package se.bidrag.notification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import se.bidrag.json.Json;

/** The mail as the agency sees it: suppressed addresses, and what was sent for a grant. */
final class MailJson {
  private MailJson() {}

  static ObjectNode suppressions(List<Suppressions.Suppression> all) {
    ArrayNode list = Json.array();
    for (Suppressions.Suppression s : all) {
      list.addObject().put("address", s.address()).put("reason", s.reason()).put("at", s.at().toString())
          .put("messageId", s.messageId());
    }
    ObjectNode body = Json.object();
    body.set("suppressions", list);
    return body;
  }

  static ObjectNode sent(String grantId, List<EmailLedger.Entry> entries) {
    ArrayNode list = Json.array();
    for (EmailLedger.Entry e : entries) {
      ObjectNode o = list.addObject().put("jobId", e.jobId()).put("state", e.state().name().toLowerCase(Locale.ROOT))
          .put("to", e.to()).put("at", e.at().toString());
      ObjectNode tags = o.putObject("tags");
      e.tags().forEach(tags::put);
    }
    ObjectNode body = Json.object().put("grant", grantId);
    body.set("emails", list);
    return body;
  }
}
