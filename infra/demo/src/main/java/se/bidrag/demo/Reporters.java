package se.bidrag.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bidrag.json.Json;
import se.bidrag.local.Http;
import se.bidrag.local.Mailbox;

/**
 * The recipients' registrars and controllers in the 2025 reporting year: each opens the personal link
 * its registry mailbox received and reports through the web form's API (or corrects its report).
 */
final class Reporters {
  private static final Pattern TOKEN = Pattern.compile("/rapport/#([A-Za-z0-9_.-]+)");

  private final GrantYear year;
  private final Map<String, String> reportTokens = new ConcurrentHashMap<>();
  private final Map<String, Long> received = new ConcurrentHashMap<>();
  private final Set<String> reported = ConcurrentHashMap.newKeySet();

  Reporters(GrantYear year) {
    this.year = year;
  }

  /** The personal links the registry mailboxes have received so far. */
  void collectTokens() {
    for (Mailbox.Mail m : year.runtime().emulators().mailbox().all()) {
      Matcher t = TOKEN.matcher(m.text());
      String to = m.to().get(0);
      if (t.find() && to.startsWith("registrator@")) {
        reportTokens.putIfAbsent(to.substring("registrator@".length(), to.indexOf(".example.se")), t.group(1));
      }
    }
  }

  /**
   * The recipients of a batch report (or correct their report); those of an earlier batch whose link
   * had not arrived by then report now, as people do when the mail comes.
   */
  void report(Mix.Reporting batch, boolean corrections) {
    collectTokens();
    List<Mix.Plan> due = year.plans.stream().filter(p -> reportTokens.containsKey(p.recipientId()) && (corrections
        ? p.reporting() == batch && p.corrects() && reported.contains(p.recipientId())
        : !reported.contains(p.recipientId()) && (p.reporting() == batch || p.reporting().compareTo(batch) < 0)))
        .toList();
    EService api = year.api;
    year.parallel(due, p -> {
      String token = reportTokens.get(p.recipientId());
      long got = received.computeIfAbsent(p.recipientId(), id -> {
        Http.Response form = api.get("/reports/form", token);
        year.expect(form.status() == 200, "report form of " + id, form);
        return form.json().path("received").asLong();
      });
      int permille = corrections ? p.correctedUnspentPermille() : p.unspentPermille();
      long unspent = got * permille / 1000;
      ObjectNode body = Json.object();
      body.putObject("usedPerArea").put("1", (got - unspent) - (got - unspent) / 3).put("2", (got - unspent) / 3);
      body.put("unspent", unspent);
      body.put("account", "Insatserna genomfördes enligt planen; se bilagd verksamhetsberättelse.");
      body.put("separateAccounting", p.recipientId().hashCode() % 4 != 0);
      body.putObject("reporter").put("name", People.controller(p.recipientId())).put("email",
          "controller@" + p.recipientId() + ".example.se");
      Http.Response r = api.send("POST", "/reports", token, Json.write(body), Map.of());
      year.expect(r.status() == 201 || r.status() == 200, "report of " + p.recipientId(), r);
      if (r.status() / 100 == 2) {
        reported.add(p.recipientId());
      }
    });
  }
}
