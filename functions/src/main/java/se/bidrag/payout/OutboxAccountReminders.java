package se.bidrag.payout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.access.Registrations;
import se.bidrag.account.AccountLetters;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.EmailOutbox;

/**
 * The reminders as e-mail jobs on the e-mail queue; each job's id names the grant and the
 * organisation, so the sender sends it once however many runs queue it.
 */
public final class OutboxAccountReminders implements AccountReminders {
  private final EmailOutbox outbox;
  private final Registrations registrations;

  public OutboxAccountReminders(EmailOutbox outbox, Registrations registrations) {
    this.outbox = outbox;
    this.registrations = registrations;
  }

  @Override
  public void remind(GrantDefinition grant, List<PayoutBatch.Skipped> skipped, Map<String, String> registry) {
    Map<String, Long> waiting = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (PayoutBatch.Skipped s : skipped) {
      waiting.merge(s.orgnr(), s.amount(), Long::sum);
      names.putIfAbsent(s.orgnr(), s.name());
    }
    List<EmailJob> jobs = new ArrayList<>();
    waiting.forEach((orgnr, amount) -> {
      String to = registrations.ombud(orgnr).map(Registrations.Ombud::email).filter(e -> e != null && !e.isBlank())
          .orElse(registry.get(orgnr));
      if (to != null) {
        jobs.add(AccountLetters.reminder(grant, orgnr, names.get(orgnr), amount, to));
      }
    });
    if (!jobs.isEmpty()) {
      outbox.enqueue(jobs);
    }
  }
}
