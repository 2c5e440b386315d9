package se.bidrag.account;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.Html;
import se.bidrag.notification.Kronor;

/** The payout account's e-mails, in Swedish, plain text and HTML; the bankgiro numbers masked. */
public final class AccountLetters {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd 'kl.' HH:mm");

  private AccountLetters() {}

  /**
   * To a registry mailbox (or the ombud): the organisation's payout account changed, from what to what;
   * the payments of the grants it receives ({@code grants}, may be empty) go to the new account. The
   * letter is signed by the agency of {@code letterhead}.
   */
  public static EmailJob changed(GrantDefinition letterhead, List<GrantDefinition> grants, String orgnr, String name,
      Bankgiro from, Bankgiro to, Instant approvedAt, String approvalId, long version, int index, String address) {
    GrantDefinition grant = letterhead;
    ZoneId zone = grant.timeZone();
    StringBuilder t = new StringBuilder();
    t.append("Till registraturen för ").append(name).append("\n\n");
    t.append("Utbetalningskontot för ").append(name).append(" (").append(orgnr).append(") har ändrats från ")
        .append(from == null ? "inget registrerat konto" : "bankgiro " + from.masked()).append(" till bankgiro ")
        .append(to.masked()).append(".\n\n");
    t.append("Ändringen begärdes av organisationens ombud och godkändes (attesterades) av ").append(grant.agency().name())
        .append(" ").append(WHEN.format(approvedAt.atZone(zone))).append(", attest ").append(approvalId)
        .append(". ").append(grants.isEmpty() ? "Utbetalningar till organisationen"
            : "Utbetalningar av " + String.join(" och ", grants.stream().map(GrantDefinition::title).toList()))
        .append(" görs från och med nu till det nya kontot.\n\n");
    t.append("Känner ni inte igen ändringen? Kontakta ").append(grant.agency().name())
        .append(" omedelbart, innan nästa utbetalning.\n\n");
    t.append(grant.agency().name()).append("\n");
    return new EmailJob("payout-account-changed:" + orgnr + ":v" + version + ":" + index, address,
        "Utbetalningskontot har ändrats: " + name, t.toString(), Html.letter(t.toString(), null), List.of(),
        Map.of("grant", grants.isEmpty() ? grant.id() : grants.get(0).id(), "orgnr", orgnr, "purpose",
            "payout-account-changed"));
  }

  /** To the ombud (or the registry): a payment waits for an approved payout account. */
  public static EmailJob reminder(GrantDefinition grant, String orgnr, String name, long waiting, String address) {
    StringBuilder t = new StringBuilder();
    t.append("Till ombudet för ").append(name).append("\n\n");
    t.append(name).append(" har ").append(Kronor.format(waiting)).append(" kronor av ").append(grant.title())
        .append(" att få utbetalt, men har inget godkänt utbetalningskonto. Utan ett godkänt konto betalas ingenting ut.\n\n");
    t.append("Registrera organisationens bankgironummer i e-tjänsten. När ").append(grant.agency().name())
        .append(" har godkänt (attesterat) kontot betalas beloppet ut vid nästa utbetalningstillfälle.\n\n");
    t.append(grant.agency().name()).append("\n");
    return new EmailJob("payout-account-reminder:" + grant.id() + ":" + orgnr, address,
        "Påminnelse: utbetalningskonto saknas – " + grant.title(), t.toString(), Html.letter(t.toString(), null),
        List.of(), Map.of("grant", grant.id(), "orgnr", orgnr, "purpose", "payout-account-reminder"));
  }
}
