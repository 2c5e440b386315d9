package se.bidrag.integration.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.Mailbox;
import se.bidrag.integration.Scenario;

/** The grant year up to reporting, for the tests that start there: six recipients requisitioned and paid. */
public final class ReportingSteps {
  public static final Instant DISPATCH = Instant.parse("2026-02-02T06:00:00Z"); // 07:00 Stockholm, the daily job
  public static final Instant FIRST_REMINDER = Instant.parse("2026-03-11T06:00:00Z");
  public static final Instant AFTER_DEADLINE = Instant.parse("2026-04-01T06:00:00Z"); // the reminder after the deadline
  /** The personal link: the form's address with the token in the fragment. */
  public static final Pattern TOKEN = Pattern.compile("https?://[^\\s\"<>]+/rapport/#([A-Za-z0-9_.-]+)");
  public static final List<String> PAID = List.of("kommun-0114", "kommun-0115", "kommun-1863", "region-18", "region-09",
      "kommun-0980");

  public final Scenario s;

  /** Publishes, requisitions the full amount for {@link #PAID} (registry mailbox registrator@id.example.se) and pays. */
  public ReportingSteps(LocalRuntime runtime) {
    s = new Scenario(runtime).published();
    for (String r : PAID) {
      var body = s.form(s.allocation(r).path("total").asLong(), false, 1, 3);
      body.put("registryEmail", registry(r));
      assertEquals(201, s.put(r, s.ombud(s.orgnr(r)), body, Map.of()).status());
    }
    assertEquals(PAID.size(), s.http.post("/grants/" + Scenario.GRANT + "/payouts:run", s.admin, null).json()
        .path("ordered").asInt());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    s.runtime.emulators().mailbox().clear();
  }

  public static String registry(String recipientId) {
    return "registrator@" + recipientId + ".example.se";
  }

  /** The links go out (the daily job on the dispatch date); returns each recipient's link token. */
  public Map<String, String> dispatch() {
    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, String> tokens = new HashMap<>();
    mailByRecipient().forEach((r, m) -> tokens.put(r, token(m)));
    return tokens;
  }

  /** The latest mail with a link per recipient, to its registry address (receipts left out). */
  public Map<String, Mailbox.Mail> mailByRecipient() {
    Map<String, Mailbox.Mail> out = new HashMap<>();
    for (Mailbox.Mail m : s.runtime.emulators().mailbox().all()) {
      String to = m.to().get(0);
      if (!to.startsWith("registrator@") || !TOKEN.matcher(m.text()).find()) {
        continue;
      }
      out.put(to.substring(to.indexOf('@') + 1, to.indexOf(".example.se")), m);
    }
    return out;
  }

  public static String token(Mailbox.Mail m) {
    Matcher t = TOKEN.matcher(m.text());
    assertTrue(t.find(), m.text());
    return t.group(1);
  }

  /** A report body: {@code used} spread over areas 1 and 3, and the unspent amount. */
  public static ObjectNode report(String recipient, long used, long unspent) {
    ObjectNode o = Json.object();
    o.putObject("usedPerArea").put("1", used - used / 3).put("3", used / 3);
    o.put("unspent", unspent);
    o.put("account", "Fast läkarkontakt infördes på tre vårdcentraler.");
    o.put("separateAccounting", true);
    o.putObject("reporter").put("name", "Rapportör").put("email", "rapport@" + recipient + ".example.se");
    return o;
  }

  /** A report of all the money spread over the areas given (whole kronor, the last area takes the rest). */
  public static ObjectNode reportFor(long received, int... areas) {
    ObjectNode o = Json.object();
    ObjectNode used = o.putObject("usedPerArea");
    long left = received;
    for (int i = 0; i < areas.length; i++) {
      long v = i == areas.length - 1 ? left : received / areas.length;
      used.put(Integer.toString(areas[i]), v);
      left -= v;
    }
    o.put("unspent", 0);
    o.put("account", "Testdata: medlen användes inom de angivna områdena.");
    o.put("separateAccounting", true);
    o.putObject("reporter").put("name", "Test Testsson").put("email", "test.testsson@example.com");
    return o;
  }

  public long received(String recipient) {
    return s.allocation(recipient).path("total").asLong();
  }

  /** The report as the form sends it: the token in the Authorization header. */
  public Http.Response submit(String token, JsonNode body) {
    return s.http.send("POST", "/reports", token, Json.write(body), Map.of());
  }

  /** The form's data, as the page loads it. */
  public Http.Response form(String token) {
    return s.http.get("/reports/form", token);
  }

  /** The link in the newest mail to this address (a new link, a receipt has none). */
  public String newestLinkTo(String address) {
    List<Mailbox.Mail> mails = s.runtime.emulators().mailbox().all();
    for (int i = mails.size() - 1; i >= 0; i--) {
      Mailbox.Mail m = mails.get(i);
      Matcher t = TOKEN.matcher(m.text());
      if (m.to().contains(address) && t.find()) {
        return t.group(1);
      }
    }
    throw new AssertionError("no mail with a link to " + address);
  }
}
