package se.bidrag.reporting;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.Html;
import se.bidrag.notification.Kronor;

/** The reporting e-mails, in Swedish, plain text and HTML. */
final class Letters {
  private Letters() {}

  static String jobId(String grantId, String recipientId, Rounds.Round round) {
    return (round.reminder() ? "report-reminder:" : "report-link:") + grantId + ":" + recipientId + ":" + round.number();
  }

  static EmailJob letter(GrantDefinition grant, Rounds.Round round, String recipientId, String name, String to,
      long received, String link, LocalDate expires) {
    LocalDate deadline = grant.reporting().deadline();
    boolean afterDeadline = round.date().isAfter(deadline);
    String subject = (round.reminder() ? "Påminnelse: återrapportering av " : "Återrapportering av ") + grant.title();
    StringBuilder t = new StringBuilder();
    t.append("Till registraturen för ").append(name).append("\n\n");
    if (round.reminder()) {
      t.append(afterDeadline
          ? "Vi har inte fått någon återrapport från er, och sista dagen var " + deadline + ". Lämna den snarast.\n\n"
          : "Vi har ännu inte fått någon återrapport från er. Sista dagen att lämna den är " + deadline + ".\n\n");
    }
    t.append(name).append(" tog emot ").append(Kronor.format(received)).append(" kronor av ").append(grant.title())
        .append(" (").append(grant.regulation()).append(").\n\n");
    t.append("Bidragsmottagare ska året efter bidragsåret återrapportera hur medlen har använts: belopp per insatsområde, ")
        .append("eventuellt oförbrukade medel och en redovisning av resultaten. Oförbrukade medel faktureras.\n\n");
    t.append("Lämna återrapporten senast ").append(deadline).append(" i webbformuläret:\n").append(link).append("\n\n");
    t.append("Länken är personlig för ").append(name).append(" och gäller till och med ").append(expires)
        .append(". Vidarebefordra den bara till den som ska lämna återrapporten.\n\n");
    t.append(grant.agency().name()).append("\n");
    return new EmailJob(jobId(grant.id(), recipientId, round), to, subject, t.toString(), Html.letter(t.toString(), link),
        List.of(),
        Map.of("grant", grant.id(), "recipient", recipientId, "purpose", round.reminder() ? "report-reminder" : "report-link",
            "round", Integer.toString(round.number())));
  }
}
