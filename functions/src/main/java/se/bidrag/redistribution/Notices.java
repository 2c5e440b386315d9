package se.bidrag.redistribution;

import java.util.List;
import java.util.Map;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.notification.EmailJob;
import se.bidrag.notification.Html;
import se.bidrag.notification.Kronor;

/** The e-mail a recipient gets when it is given a share of the unclaimed funds (Swedish). */
final class Notices {
  private Notices() {}

  static EmailJob redistribution(GrantDefinition grant, Redistribution.RecipientShare s, String to, long requisitioned) {
    StringBuilder text = new StringBuilder();
    text.append("Till ").append(s.name()).append("\n\n");
    text.append("Medel inom ").append(grant.title().toLowerCase(java.util.Locale.ROOT).startsWith("statsbidrag")
        ? grant.title() : "statsbidraget " + grant.title()).append(" som inte rekvirerades senast ")
        .append(grant.requisitionDeadline()).append(" har fördelats om till de kommuner och regioner som i sin ")
        .append("rekvisition angav att de önskar ta del av kvarvarande medel.\n\n");
    text.append(s.name()).append(" har fått ").append(Kronor.format(s.total())).append(" kronor utöver de ")
        .append(Kronor.format(requisitioned)).append(" kronor som rekvirerades.\n\n");
    for (Redistribution.Extra e : s.extras()) {
      if (e.amount() > 0) {
        text.append("  ").append(grant.pot(e.potId()).map(GrantDefinition.Pot::title).orElse(e.potId())).append(": ")
            .append(Kronor.format(e.amount())).append(" kr (andel ").append(e.share()).append(")\n");
      }
    }
    text.append("\nUtbetalningen inväntar attest: beloppet betalas ut engångsvis till organisationens godkända ")
        .append("utbetalningskonto när ").append(grant.agency().name()).append(" har attesterat utbetalningen. ")
        .append("Medlen ska användas för de insatser som angavs i rekvisitionen ")
        .append("och återrapporteras tillsammans med övriga medel året efter bidragsåret.\n\n")
        .append(grant.agency().name()).append("\n");
    String html = Html.letter(text.toString(), null);
    return new EmailJob("redistribution-notice:" + grant.id() + ":" + s.recipientId(), to,
        "Omfördelade medel: " + grant.title(), text.toString(), html, List.of(),
        Map.of("grant", grant.id(), "recipient", s.recipientId(), "purpose", "redistribution-notice"));
  }
}
