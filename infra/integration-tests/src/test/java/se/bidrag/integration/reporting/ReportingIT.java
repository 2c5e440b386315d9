package se.bidrag.integration.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.json.Json;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.sqs.model.Message;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.testkit.LocalStackExtension;
import se.bidrag.local.Mailbox;
import se.bidrag.integration.Scenario;

/** Reporting on the local stack with the real SES emulator: links, reminders, reports, bounces, failures. */
@ExtendWith(LocalStackExtension.class)
class ReportingIT {
  static final Instant DISPATCH = ReportingSteps.DISPATCH;
  static final Instant FIRST_REMINDER = ReportingSteps.FIRST_REMINDER;
  static final Instant AFTER_DEADLINE = ReportingSteps.AFTER_DEADLINE;
  static final List<String> PAID = ReportingSteps.PAID;
  ReportingSteps steps;
  Scenario s;

  @BeforeEach
  void paid(LocalRuntime runtime) {
    steps = new ReportingSteps(runtime);
    s = steps.s;
  }

  Map<String, Mailbox.Mail> mailByRecipient() {
    return steps.mailByRecipient();
  }

  static String token(Mailbox.Mail m) {
    return ReportingSteps.token(m);
  }

  static ObjectNode report(String recipient, long used, long unspent) {
    return ReportingSteps.report(recipient, used, unspent);
  }

  long received(String recipient) {
    return steps.received(recipient);
  }

  Http.Response submit(String token, JsonNode body) {
    return steps.submit(token, body);
  }

  /**
   * What one recipient received, read by its own keys (a report form, an invoice), is what the grant's whole
   * list says of it, for every recipient of the grant: paid, or not at all.
   */
  @Test
  void whatOneRecipientReceivedIsWhatTheWholeListSays() {
    var db = s.runtime.platform().dynamoDb();
    String table = s.runtime.table("BidragTable");
    var received = new se.bidrag.reporting.Received(new se.bidrag.payout.DynamoPayoutStore(db, table),
        new se.bidrag.requisition.DynamoRequisitionStore(db, table));
    var all = received.byRecipient(Scenario.GRANT);
    assertTrue(all.keySet().containsAll(PAID), all.keySet().toString());
    for (String id : s.recipientIds()) {
      assertEquals(java.util.Optional.ofNullable(all.get(id)), received.recipient(Scenario.GRANT, id), id);
    }
  }

  @Test
  void theLinksGoToEveryPaidRecipientInSwedishWithAPersonalLink() {
    var fired = s.runtime.setClock(DISPATCH);
    assertTrue(fired.stream().anyMatch(f -> f.schedule().equals("ReportingJobFunction.Daily") && f.succeeded()), fired.toString());
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Mailbox.Mail> mail = mailByRecipient();
    assertEquals(new TreeSet<>(PAID), new TreeSet<>(mail.keySet()));
    Mailbox.Mail m = mail.get("kommun-0114");
    assertTrue(m.subject().startsWith("Återrapportering av Statsbidrag för utveckling av en god och nära vård 2025"), m.subject());
    assertTrue(m.text().contains("Upplands Väsby tog emot 3\u00a0235\u00a0260 kronor"), m.text());
    assertTrue(m.text().contains("senast 31 mars 2026"), m.text());
    assertTrue(m.text().contains(s.runtime.site().formUrl() + "#"), "the link is the site's form with the token in the fragment");
    assertTrue(m.html().contains("<a href=\"" + s.runtime.site().formUrl() + "#"), m.html());

    JsonNode form = steps.form(token(m)).json();
    assertEquals("kommun-0114", form.path("recipient").path("id").asText());
    assertEquals(received("kommun-0114"), form.path("received").asLong());
    assertEquals(List.of(1, 3), List.of(form.path("areas").get(0).path("number").asInt(),
        form.path("areas").get(1).path("number").asInt()));
    assertTrue(form.path("report").isNull());
    assertEquals(received("kommun-0114"), form.path("receivedParts").path("requisitioned").asLong()
        + form.path("receivedParts").path("redistributed").asLong(), "the parts add up to what was received");
    assertFalse(form.path("correctable").asBoolean());
    assertEquals("r\u2022\u2022\u2022@kommun-0114.example.se", form.path("registryEmail").asText());
    assertEquals(7, form.path("invoicing").path("invoiceWithinDays").asInt());
  }

  @Test
  void aTokenInTheQueryStringIsRefusedSayingToUseTheNewestMail() {
    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    String token = token(mailByRecipient().get("kommun-0114"));
    var before = s.snapshot();
    Http.Response old = s.http.get("/reports/form?token=" + token, null);
    assertEquals(401, old.status());
    assertEquals("invalid", old.json().path("reason").asText());
    assertTrue(old.json().path("detail").asText().contains("newest e-mail"), old.body());
    assertEquals(401, s.http.send("POST", "/reports?token=" + token, null,
        Json.write(report("kommun-0114", received("kommun-0114"), 0)), Map.of()).status());
    assertEquals(401, s.http.get("/reports/form?token=" + token, token).status(), "not even beside a good header");
    Scenario.assertUnchanged(before, s.snapshot(), "an old-style link");
  }

  @Test
  void aTamperedOrExpiredLinkIsRefusedAndNothingIsWritten() {
    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    String token = token(mailByRecipient().get("kommun-0114"));
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
    var before = s.snapshot();
    assertEquals("invalid", steps.form(tampered).json().path("reason").asText());
    Http.Response refused = submit(tampered, report("kommun-0114", received("kommun-0114"), 0));
    assertEquals(401, refused.status());
    assertEquals("token", refused.json().path("errors").get(0).path("field").asText());
    assertEquals("invalid", refused.json().path("reason").asText());
    assertEquals("unauthorized", s.http.get("/reports/form", null).json().path("type").asText().replace("urn:bidrag:problem:", ""),
        "no token");
    Scenario.assertUnchanged(before, s.snapshot(), "a refused report");
    s.runtime.clock().set(Instant.parse("2026-05-30T21:59:00Z")); // the last minute of the grace (60 days after 31 March)
    assertEquals(200, steps.form(token).status());
    s.runtime.clock().set(Instant.parse("2026-05-30T22:00:00Z"));
    Http.Response expired = steps.form(token);
    assertEquals(401, expired.status());
    assertEquals("expired", expired.json().path("reason").asText());
  }

  @Test
  void reportsAreCheckedAddedUpCorrectedUntilTheDeadlineAndUnspentMoneyGoesToInvoicing() {
    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    String token = token(mailByRecipient().get("kommun-0114"));
    long received = received("kommun-0114");

    Http.Response wrongSum = submit(token, report("kommun-0114", received - 100, 50));
    assertEquals(422, wrongSum.status());
    assertTrue(wrongSum.json().path("detail").asText().contains("but " + received + " kr was received"), wrongSum.body());
    ObjectNode otherArea = report("kommun-0114", received, 0);
    ((ObjectNode) otherArea.get("usedPerArea")).put("5", 0);
    assertEquals("usedPerArea.5", submit(token, otherArea).json().path("errors").get(0).path("field").asText());
    ObjectNode negative = report("kommun-0114", received, 0);
    negative.put("unspent", -1);
    assertEquals(422, submit(token, negative).status());

    Http.Response first = submit(token, report("kommun-0114", received - 25_000, 25_000));
    assertEquals(201, first.status(), first.body());
    assertFalse(first.json().path("late").asBoolean());
    assertEquals("AR-" + Scenario.GRANT + "-kommun-0114-v1", first.json().path("reference").asText());
    assertTrue(first.json().path("separateAccounting").asBoolean());
    ObjectNode noAnswer = report("kommun-0114", received, 0);
    noAnswer.remove("separateAccounting");
    Http.Response missing = submit(token, noAnswer);
    assertEquals(422, missing.status());
    assertEquals("separateAccounting", missing.json().path("errors").get(0).path("field").asText());
    assertEquals(200, submit(token, report("kommun-0114", received - 25_000, 25_000)).status(), "re-sent: unchanged");
    Http.Response corrected = submit(token, report("kommun-0114", received - 30_000, 30_000));
    assertEquals(200, corrected.status());
    assertEquals(2, corrected.json().path("version").asLong());
    assertEquals(2, s.audit("report/" + Scenario.GRANT + "/kommun-0114").size(), "submitted and corrected, audited");
    assertEquals("report.corrected", s.audit("report/" + Scenario.GRANT + "/kommun-0114").get(1).get("action").s());

    List<Message> events = s.runtime.platform().sqs().receiveMessage(r -> r.queueUrl(s.runtime.queueUrl("InvoicingQueue"))
        .maxNumberOfMessages(10)).messages();
    assertEquals(2, events.size(), "one invoicing event per version with unspent money");
    assertTrue(events.stream().allMatch(e -> e.body().contains("\"recipientId\":\"kommun-0114\"")));

    // after the deadline: no more corrections; a first report is accepted and marked late
    s.runtime.clock().set(AFTER_DEADLINE);
    assertEquals(409, submit(token, report("kommun-0114", received, 0)).status());
    assertFalse(steps.form(token).json().path("correctable").asBoolean(), "after the deadline: shown, not correctable");
    String late = token(mailByRecipient().get("kommun-0115"));
    Http.Response lateReport = submit(late, report("kommun-0115", received("kommun-0115"), 0));
    assertEquals(201, lateReport.status());
    assertTrue(lateReport.json().path("late").asBoolean());
  }

  @Test
  void aReminderReachesExactlyThoseWithoutAReport() {
    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Mailbox.Mail> links = mailByRecipient();
    Set<String> reported = Set.of("kommun-0114", "region-18");
    for (String r : reported) {
      assertEquals(201, submit(token(links.get(r)), report(r, received(r), 0)).status());
    }
    s.runtime.emulators().mailbox().clear();
    s.runtime.setClock(FIRST_REMINDER);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    Map<String, Mailbox.Mail> reminders = mailByRecipient();
    Set<String> expected = PAID.stream().filter(r -> !reported.contains(r)).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, new TreeSet<>(reminders.keySet()));
    assertTrue(reminders.values().iterator().next().subject().startsWith("Påminnelse: "));

    JsonNode status = s.http.get("/grants/" + Scenario.GRANT + "/reports", s.handlaggare).json();
    Map<String, String> byRecipient = new HashMap<>();
    status.path("recipients").forEach(r -> byRecipient.put(r.path("recipientId").asText(), r.path("status").asText()));
    assertEquals("reported", byRecipient.get("kommun-0114"));
    assertEquals("reminded", byRecipient.get("kommun-0115"));
    Http.Response csv = s.http.send("GET", "/grants/" + Scenario.GRANT + "/reports", s.handlaggare, null,
        Map.of("Accept", "text/csv"));
    assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
    assertTrue(csv.body().startsWith("recipientId,name,orgnr,received,status,"), csv.body());
    assertTrue(csv.body().contains("\nkommun-0115,Vallentuna,"), csv.body());
  }

  @Test
  void aDuplicatedQueueMessageSendsOneEmail() {
    s.runtime.setClock(DISPATCH); // the link round is queued (not yet delivered)
    var sqs = s.runtime.platform().sqs();
    String queue = s.runtime.queueUrl("EmailQueue");
    // duplicate every queued message before the sender sees them
    List<Message> queued = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)).messages();
    assertEquals(PAID.size(), queued.size());
    for (Message m : queued) {
      sqs.sendMessage(x -> x.queueUrl(queue).messageBody(m.body()));
      sqs.changeMessageVisibility(c -> c.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
    }
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(PAID.size(), s.runtime.emulators().mailbox().all().size());
  }

  @Test
  void anSesFailureLeavesTheJobOnTheQueueThenInTheDeadLetterQueueAndNothingIsLost() {
    LocalStackExtension.FAULTS.arm((service, op, request) -> op.startsWith("Send") && "SES".equalsIgnoreCase(service)
        ? SesException.builder().statusCode(500).message("injected SES failure")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalFailure").serviceName("SES").build()).build()
        : null);
    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(60));
    assertEquals(0, s.runtime.emulators().mailbox().all().size());
    var sqs = s.runtime.platform().sqs();
    String dlq = s.runtime.queueUrl("EmailDeadLetterQueue");
    List<Message> dead = new java.util.ArrayList<>();
    for (int i = 0; i < 3 && dead.size() < PAID.size(); i++) {
      dead.addAll(sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10)).messages());
    }
    assertEquals(PAID.size(), dead.size(), "every job is in the dead-letter queue after maxReceiveCount tries");
    JsonNode sent = s.http.get("/grants/" + Scenario.GRANT + "/emails", s.handlaggare).json();
    List<JsonNode> links = new java.util.ArrayList<>();
    sent.path("emails").forEach(e -> {
      if (e.path("tags").path("purpose").asText().startsWith("report-")) {
        links.add(e); // the payout accounts' notices were sent before, when the recipients were paid
      }
    });
    assertTrue(links.isEmpty(), "no reporting job is marked claimed or sent: " + sent);
    // the fault is mended and the jobs are moved back: all are sent, once
    LocalStackExtension.FAULTS.disarm();
    String queue = s.runtime.queueUrl("EmailQueue");
    for (Message m : dead) {
      sqs.sendMessage(x -> x.queueUrl(queue).messageBody(m.body()));
      sqs.deleteMessage(d -> d.queueUrl(dlq).receiptHandle(m.receiptHandle()));
    }
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertEquals(PAID.size(), s.runtime.emulators().mailbox().all().size());
  }

  @Test
  void aBouncedAddressIsSuppressedAndVisibleToTheAgency() {
    String bounced = "registrator@kommun-0115.example.se";
    var event = Json.object().put("eventType", "Bounce");
    var bounce = event.putObject("bounce").put("bounceType", "Permanent").put("bounceSubType", "General");
    bounce.putArray("bouncedRecipients").addObject().put("emailAddress", bounced);
    event.putObject("mail").put("messageId", "ses-message-1");
    s.runtime.platform().sqs().sendMessage(m -> m.queueUrl(s.runtime.queueUrl("SesEventQueue"))
        .messageBody(Json.write(event)));
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    JsonNode list = s.http.get("/email/suppressions", s.handlaggare).json();
    assertEquals(bounced, list.path("suppressions").get(0).path("address").asText());
    assertEquals("bounce:General", list.path("suppressions").get(0).path("reason").asText());

    s.runtime.setClock(DISPATCH);
    s.runtime.deliverQueues(Duration.ofSeconds(30));
    assertNull(mailByRecipient().get("kommun-0115"), "no mail to a suppressed address");
    assertEquals(PAID.size() - 1, s.runtime.emulators().mailbox().all().size());
    JsonNode status = s.http.get("/grants/" + Scenario.GRANT + "/reports", s.handlaggare).json();
    for (JsonNode r : status.path("recipients")) {
      if (r.path("recipientId").asText().equals("kommun-0115")) {
        assertEquals("undeliverable", r.path("status").asText());
      }
    }
  }
}
