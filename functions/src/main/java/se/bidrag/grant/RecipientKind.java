package se.bidrag.grant;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of grant recipient. Region Gotland is one organisation with both the region and the kommun
 * role. A care unit ({@code enhet}) belongs to an organisation (a region or a municipality, whose ombud
 * acts for it) and is located in a municipality.
 */
public enum RecipientKind {
  REGION, KOMMUN, ENHET;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RecipientKind> parse(String text) {
    for (RecipientKind k : values()) {
      if (k.code().equals(text)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The recipient id of this kind for a code: {@code region-18}, {@code kommun-1880}, {@code enhet-000123}. */
  public String recipientId(String code) {
    return code() + "-" + code;
  }
}
