package se.bidrag.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.Html;
import se.bidrag.notification.Kronor;

/** The reporting e-mails, in Swedish, plain text and HTML: links, reminders, new links and receipts. */
final class Letters {
  private static final String[] MONTHS = {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
      "september", "oktober", "november", "december"};

  private Letters() {}

  /** "31 mars 2026". */
  static String date(LocalDate d) {
    return d.getDayOfMonth() + " " + MONTHS[d.getMonthValue() - 1] + " " + d.getYear();
  }

  /** "17 april 2026 kl. 10.15", in the zone given. */
  static String time(Instant at, ZoneId zone) {
    ZonedDateTime z = at.atZone(zone);
    return date(z.toLocalDate()) + " kl. " + String.format("%02d.%02d", z.getHour(), z.getMinute());
  }

  /** The last day a link is valid (it expires at the start of the next day). */
  static LocalDate lastDay(Instant expiresAt, ZoneId zone) {
    return expiresAt.atZone(zone).toLocalDate().minusDays(1);
  }

  /** "r•••@kommun.se": enough for a person to recognise the address, not enough to harvest it. */
  static String mask(String email) {
    int at = email.indexOf('@');
    return at <= 0 ? "\u2022\u2022\u2022" : email.charAt(0) + "\u2022\u2022\u2022" + email.substring(at);
  }

  static String jobId(String grantId, String recipientId, Rounds.Round round) {
    return (round.reminder() ? "report-reminder:" : "report-link:") + grantId + ":" + recipientId + ":" + round.number();
  }

  static EmailJob letter(GrantDefinition grant, Rounds.Round round, String recipientId, String name, String to,
      long received, String link, LocalDate lastDay) {
    LocalDate deadline = grant.reporting().deadline();
    boolean afterDeadline = round.date().isAfter(deadline);
    String subject = (round.reminder() ? "Påminnelse: återrapportering av " : "Återrapportering av ") + grant.title();
    StringBuilder t = new StringBuilder();
    t.append("Till registraturen för ").append(name).append("\n\n");
    if (round.reminder()) {
      t.append(afterDeadline
          ? "Vi har inte fått någon återrapport från er, och sista dagen var " + date(deadline) + ". Lämna den snarast.\n\n"
          : "Vi har ännu inte fått någon återrapport från er. Sista dagen att lämna den är " + date(deadline) + ".\n\n");
    }
    t.append(name).append(" tog emot ").append(Kronor.format(received)).append(" kronor av ").append(grant.title())
        .append(" (").append(grant.regulation()).append(").\n\n");
    t.append("Bidragsmottagare ska året efter bidragsåret återrapportera hur medlen har använts: belopp per insatsområde, ")
        .append("eventuella ej förbrukade medel och en redovisning av hur medlen har använts. Ej förbrukade medel ")
        .append("ska betalas tillbaka; Socialstyrelsen skickar en faktura.\n\n");
    t.append("Lämna återrapporten senast ").append(date(deadline)).append(" i webbformuläret:\n").append(link).append("\n\n");
    t.append(personal(name, lastDay));
    t.append(grant.agency().name()).append("\n");
    return new EmailJob(jobId(grant.id(), recipientId, round), to, subject, t.toString(), Html.letter(t.toString(), link),
        List.of(),
        Map.of("grant", grant.id(), "recipient", recipientId, "purpose", round.reminder() ? "report-reminder" : "report-link",
            "round", Integer.toString(round.number())));
  }

  private static String personal(String name, LocalDate lastDay) {
    return "Länken är personlig för " + name + " och gäller till och med " + date(lastDay)
        + ". Vidarebefordra den bara till den som ska lämna återrapporten.\n\n";
  }

  /** A new link, asked for on the form's page or sent after the agency revoked the old one. */
  static EmailJob newLink(GrantDefinition grant, Received.Recipient r, String link, LocalDate lastDay, boolean revoked,
      long linkVersion) {
    StringBuilder t = new StringBuilder();
    t.append("Till registraturen för ").append(r.name()).append("\n\n");
    t.append(revoked
        ? "Socialstyrelsen har spärrat den tidigare länken till återrapporteringen av " + grant.title()
            + ". Den gamla länken fungerar inte längre. Här är en ny länk:\n"
        : "Någon bad om en ny länk till återrapporteringen av " + grant.title() + " på formulärets sida. Här är den:\n")
        .append(link).append("\n\n");
    t.append("Sista dagen att lämna återrapporten är ").append(date(grant.reporting().deadline())).append(".\n\n");
    t.append(personal(r.name(), lastDay));
    if (!revoked) {
      t.append("Om ingen hos er bad om länken kan ni bortse från det här meddelandet; den tidigare länken gäller som förut.\n\n");
    }
    t.append(grant.agency().name()).append("\n");
    return new EmailJob("report-new-link:" + grant.id() + ":" + r.recipientId() + ":" + linkVersion, r.registryEmail(),
        "Ny länk: återrapportering av " + grant.title(), t.toString(), Html.letter(t.toString(), link), List.of(),
        Map.of("grant", grant.id(), "recipient", r.recipientId(), "purpose", "report-new-link"));
  }

  /** The receipt (kvittens) of a report: to the reporter and to the registry, with what was reported. */
  static EmailJob receipt(GrantDefinition grant, Received.Recipient r, Report report, String to, String role) {
    String title = grant.title();
    StringBuilder t = new StringBuilder();
    t.append("Kvittens: Socialstyrelsen har tagit emot ").append(report.version() > 1 ? "en rättelse av " : "")
        .append("återrapporten för ").append(r.name()).append(" (").append(title).append(").\n\n");
    t.append("Referens: ").append(report.reference()).append("\n");
    t.append("Inskickad: ").append(time(report.submittedAt(), grant.timeZone())).append(" av ").append(report.reporterName())
        .append(" (").append(report.reporterEmail()).append(")\n");
    if (report.version() > 1) {
      t.append("Rättelsen (version ").append(report.version()).append(") ersätter den tidigare återrapporten.\n");
    }
    if (report.late()) {
      t.append("Återrapporten kom in efter sista dagen, ").append(date(grant.reporting().deadline()))
          .append(", och är markerad som sen.\n");
    }
    t.append("\nMottaget belopp: ").append(Kronor.format(report.received())).append(" kr\n");
    for (var e : report.usedPerArea().entrySet()) {
      String area = grant.area(e.getKey()).map(GrantDefinition.Area::title).orElse("");
      t.append("Använt, område ").append(e.getKey()).append(" (").append(area).append("): ")
          .append(Kronor.format(e.getValue())).append(" kr\n");
    }
    t.append("Använt totalt: ").append(Kronor.format(report.used())).append(" kr\n");
    t.append("Ej förbrukade medel: ").append(Kronor.format(report.unspent())).append(" kr\n");
    t.append("Särredovisat: ").append(report.separateAccounting() ? "ja" : "nej").append("\n\n");
    t.append("Hur medlen har använts:\n").append(report.account()).append("\n\n");
    if (report.unspent() > 0) {
      t.append("Ej förbrukade medel, ").append(Kronor.format(report.unspent()))
          .append(" kr, ska betalas tillbaka. Socialstyrelsen skickar en faktura till registraturen inom ungefär ")
          .append(grant.invoicing().invoiceWithinDays()).append(" dagar, med ").append(grant.invoicing().paymentTermDays())
          .append(" dagars betalningstid.\n\n");
    }
    if (!report.late()) {
      t.append("Ni kan rätta återrapporten till och med ").append(date(grant.reporting().deadline()))
          .append(" med samma länk; en rättelse ersätter den tidigare återrapporten.\n\n");
    }
    t.append(grant.agency().name()).append("\n");
    return new EmailJob("report-receipt:" + grant.id() + ":" + r.recipientId() + ":" + report.version() + ":" + role, to,
        "Kvittens " + report.reference() + ": återrapportering av " + title, t.toString(), Html.letter(t.toString(), null),
        List.of(), Map.of("grant", grant.id(), "recipient", r.recipientId(), "purpose", "report-receipt",
            "version", Long.toString(report.version())));
  }
}
