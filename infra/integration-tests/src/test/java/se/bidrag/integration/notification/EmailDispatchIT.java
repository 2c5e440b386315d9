package se.bidrag.integration.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.Mailbox;
import se.bidrag.notification.DynamoEmailLedger;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailLedger;
import se.bidrag.notification.SqsEmailOutbox;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Dispatch day: 2 000 e-mail jobs on the real e-mail queue, sent by the e-mail sender as template.yaml
 * deploys it (its event source's MaximumConcurrency, here 2, each sender with its share of the SES quota of
 * 50/s: 24/s) through the local event source (two pollers). Every job is sent exactly once (the ledger
 * and the SES emulator agree), nothing reaches the dead-letter queue, and the SES calls, timed as they
 * leave the functions' SDK client, never come more than 50 in any one second. About 45 s of wall time:
 * 2 000 e-mails at 48/s take 42 s at least.
 */
class EmailDispatchIT {
  static final int JOBS = 2_000;
  static final int QUOTA = 50;
  static final String GRANT = "dispatch-day";

  /** When each SES send left a function's client (System.nanoTime). */
  static final class SesSends implements ExecutionInterceptor {
    final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if ("SendRawEmail".equals(operation) || "SendEmail".equals(operation)) {
        nanos.add(System.nanoTime());
      }
    }
  }

  /** The most sends in any one-second window [t, t + 1 s) that starts at a send. */
  static int mostInOneSecond(List<Long> sorted) {
    int most = 0;
    int j = 0;
    for (int i = 0; i < sorted.size(); i++) {
      while (j < sorted.size() && sorted.get(j) - sorted.get(i) < 1_000_000_000L) {
        j++;
      }
      most = Math.max(most, j - i);
    }
    return most;
  }

  @Test
  void twoThousandEmailsAtAQuotaOf50PerSecondAreEachSentOnceAndNeverFasterThanTheQuota() {
    SesSends sends = new SesSends();
    try (LocalRuntime runtime = LocalRuntime.options().clock(Instant.parse("2026-02-02T06:00:00Z"), false).fastRetries()
        .parameter("SesMaxSendRate", Integer.toString(QUOTA)).parameter("EmailSenderConcurrency", "2")
        .interceptors(List.of(sends)).start()) {
      assertEquals("2", runtime.function("EmailSenderFunction").environment().get("EMAIL_SENDERS"));
      List<EmailJob> jobs = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        jobs.add(new EmailJob("dispatch:" + i, "registrator" + i + "@kommun" + i + ".example.se", "Återrapportering " + i,
            "Länken till formuläret: " + i, "<p>Länken till formuläret: " + i + "</p>", List.of(), Map.of("grant", GRANT)));
      }
      new SqsEmailOutbox(runtime.platform().sqs(), runtime.queueUrl("EmailQueue")).enqueue(jobs);

      long t0 = System.nanoTime();
      runtime.deliverQueues(Duration.ofMinutes(5));
      double seconds = (System.nanoTime() - t0) / 1e9;

      EmailLedger ledger = new DynamoEmailLedger(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
      List<EmailLedger.Entry> entries = ledger.ofGrant(GRANT);
      assertEquals(JOBS, entries.size());
      assertTrue(entries.stream().allMatch(e -> e.state() == EmailLedger.State.SENT), "every job SENT");
      Set<String> ledgerIds = new HashSet<>();
      entries.forEach(e -> ledgerIds.add(e.messageId()));
      assertEquals(JOBS, ledgerIds.size(), "one SES message per job");

      List<Mailbox.Mail> mail = runtime.emulators().mailbox().all();
      assertEquals(JOBS, mail.size(), "SES received each job once, no more");
      Set<String> recipients = new HashSet<>();
      Set<String> sesIds = new HashSet<>();
      mail.forEach(m -> {
        recipients.addAll(m.to());
        sesIds.add(m.messageId());
      });
      assertEquals(JOBS, recipients.size(), "each job's recipient exactly once");
      assertEquals(ledgerIds, sesIds, "the ledger names the messages SES has");
      assertEquals(Map.of(), runtime.queueDepths(), "nothing left in any queue, nothing in a dead-letter queue");

      List<Long> at = new ArrayList<>(sends.nanos);
      Collections.sort(at);
      assertEquals(JOBS, at.size(), "one SES call per job (no throttling retries against the emulator)");
      int most = mostInOneSecond(at);
      long closest = Long.MAX_VALUE; // the shortest time any QUOTA + 1 consecutive sends took
      for (int i = 0; i + QUOTA < at.size(); i++) {
        closest = Math.min(closest, at.get(i + QUOTA) - at.get(i));
      }
      int environments = runtime.function("EmailSenderFunction").environments();
      System.out.printf("e-mail dispatch: %d e-mails in %.1f s (%.1f/s), at most %d SES sends in any one second "
          + "(quota %d/s; %d sends never within less than %.3f s), %d senders at once%n", JOBS, seconds, JOBS / seconds,
          most, QUOTA, QUOTA + 1, closest / 1e9, environments);
      assertTrue(most <= QUOTA, most + " SES sends within one second, over the quota of " + QUOTA);
      assertEquals(2, environments, "two senders ran at once (MaximumConcurrency 2), each with its share of the quota");
    }
  }
}
