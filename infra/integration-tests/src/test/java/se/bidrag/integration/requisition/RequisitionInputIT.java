package se.bidrag.integration.requisition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.integration.Scenario;

/** Bad input gets a clear problem+json naming the field, and changes nothing. */
@ExtendWith(LocalStackExtension.class)
class RequisitionInputIT {
  static final String KOMMUN = "kommun-0114";
  Scenario s;
  String token;

  @BeforeEach
  void publish(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
    token = s.ombud(s.orgnr(KOMMUN));
  }

  /** Sends the raw body; expects the status and a problem naming the field; and that nothing changed. */
  private JsonNode refused(String rawBody, int status, String field) {
    var before = s.snapshot();
    Http.Response r = s.http.send("PUT", s.path(KOMMUN), token, rawBody, Map.of());
    assertEquals(status, r.status(), r.body());
    assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.header("Content-Type"));
    JsonNode p = r.json();
    assertEquals(status, p.path("status").asInt());
    assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
    if (field != null) {
      boolean named = false;
      for (JsonNode e : p.path("errors")) {
        named |= e.path("field").asText().equals(field);
      }
      assertTrue(named, field + " is named: " + r.body());
    }
    Scenario.assertUnchanged(before, s.snapshot(), "a refused request");
    return p;
  }

  private JsonNode refused(Consumer<ObjectNode> change, int status, String field) {
    ObjectNode body = s.form(1000, true);
    change.accept(body);
    return refused(Json.write(body), status, field);
  }

  @Test
  void malformedJsonIs400() {
    refused("{\"amount\": 1000,", 400, "body");
    refused("[1, 2]", 400, "body");
    refused("", 400, "body");
  }

  @Test
  void unknownFieldsAndWrongTypesAre400() {
    refused(b -> b.put("amountt", 5), 400, "amountt");
    refused(b -> b.put("amount", "1000"), 400, "amount");
    refused(b -> b.put("wantsRemainingFunds", "yes"), 400, "wantsRemainingFunds");
    refused(b -> b.put("areas", "1,2"), 400, "areas");
    refused(b -> b.putArray("areas").add("one"), 400, "areas[0]");
    refused(b -> b.put("contact", "Anna"), 400, "contact");
    refused(b -> ((ObjectNode) b.get("contact")).put("phone", "08-123"), 400, "contact.phone");
  }

  @Test
  void amountsMustBeWholeKronorFromOneUpToTheAllocation() {
    long allocation = s.allocation(KOMMUN).path("total").asLong();
    refused(b -> b.put("amount", 0), 422, "amount");
    refused(b -> b.put("amount", -5), 422, "amount");
    refused(b -> b.put("amount", 100.5), 422, "amount");
    JsonNode above = refused(b -> b.put("amount", allocation + 1), 422, "amount");
    assertTrue(above.path("detail").asText().contains(Long.toString(allocation)), above.toString());
    refused(b -> b.put("amount", new java.math.BigInteger("99999999999999999999999")), 422, "amount");
    refused(b -> b.remove("amount"), 422, "amount");
  }

  @Test
  void areasMustBeTheGrantsAndAreaEightNeedsARuralAllocation() {
    refused(b -> b.putArray("areas").add(9), 422, "areas");
    refused(b -> b.putArray("areas").add(0), 422, "areas");
    refused(b -> b.putArray("areas"), 422, "areas");
    refused(b -> b.putArray("areas").add(1).add(1), 422, "areas[1]");
    refused(b -> b.putArray("areas").add(8), 422, "areas");
  }

  @Test
  void implementersContactsAndEmailsAreChecked() {
    refused(b -> b.putArray("implementers"), 422, "implementers");
    refused(b -> b.putArray("implementers").add("  "), 422, "implementers[0]");
    refused(b -> b.put("registryEmail", "registrator-at-example.se"), 422, "registryEmail");
    refused(b -> ((ObjectNode) b.get("contact")).put("email", "anna@"), 422, "contact.email");
    refused(b -> ((ObjectNode) b.get("contact")).put("name", ""), 422, "contact.name");
    refused(b -> b.put("signedBy", ""), 422, "signedBy");
  }

  @Test
  void aBodyOver64KiBIsRefused() {
    ObjectNode body = s.form(1000, true);
    body.put("signedBy", "x".repeat(70 * 1024));
    refused(Json.write(body), 413, "body");
  }

  @Test
  void unknownGrantsAndRecipientsAre404() {
    var before = s.snapshot();
    Http.Response grant = s.http.send("PUT", "/grants/no-such-grant/requisitions/" + KOMMUN, token,
        Json.write(s.form(1, true)), Map.of());
    assertEquals(404, grant.status());
    assertEquals("grantId", grant.json().path("errors").get(0).path("field").asText());
    Http.Response recipient = s.http.send("PUT", "/grants/" + Scenario.GRANT + "/requisitions/kommun-9999", token,
        Json.write(s.form(1, true)), Map.of());
    assertEquals(404, recipient.status());
    assertEquals("recipientId", recipient.json().path("errors").get(0).path("field").asText());
    Scenario.assertUnchanged(before, s.snapshot(), "unknown grant or recipient");
  }

  @Test
  void badHeadersAreNamed() {
    refusedWithHeaders(Map.of("If-Match", "version-1"), 400, "If-Match");
    refusedWithHeaders(Map.of("Idempotency-Key", "no spaces allowed"), 400, "Idempotency-Key");
    refusedWithHeaders(Map.of("Content-Type", "text/plain"), 415, "Content-Type");
  }

  private void refusedWithHeaders(Map<String, String> headers, int status, String field) {
    var before = s.snapshot();
    Http.Response r = s.http.send("PUT", s.path(KOMMUN), token, Json.write(s.form(1000, true)), headers);
    assertEquals(status, r.status(), r.body());
    assertEquals(field, r.json().path("errors").get(0).path("field").asText());
    Scenario.assertUnchanged(before, s.snapshot(), "a bad header");
  }
}
