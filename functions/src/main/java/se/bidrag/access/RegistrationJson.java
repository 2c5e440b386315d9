package se.bidrag.access;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.bidrag.json.Json;

/** Who acts for an organisation, as JSON: the API's bodies and the audit records' before and after. */
final class RegistrationJson {
  private RegistrationJson() {}

  static ObjectNode json(Registrations.Ombud o) {
    ObjectNode j = Json.object().put("orgnr", o.orgnr()).put("subject", o.subject()).put("name", o.name())
        .put("registeredAt", o.registeredAt().toString()).put("registeredBy", o.registeredBy()).put("version", o.version());
    if (o.email() != null) {
      j.put("email", o.email());
    }
    return j;
  }

  static ObjectNode json(Registrations.Delegate d) {
    return Json.object().put("orgnr", d.orgnr()).put("subject", d.subject()).put("role", d.role().code())
        .put("name", d.name()).put("invitedAt", d.invitedAt().toString()).put("invitedBy", d.invitedBy())
        .put("version", d.version());
  }

  /** The people the ombud invited. */
  static ObjectNode delegates(String orgnr, List<Registrations.Delegate> delegates) {
    ObjectNode body = Json.object().put("orgnr", orgnr);
    ArrayNode list = body.putArray("delegates");
    delegates.forEach(d -> list.add(json(d)));
    return body;
  }
}
