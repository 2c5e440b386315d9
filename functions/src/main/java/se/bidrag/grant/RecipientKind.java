package se.bidrag.grant;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of grant recipient. Region Gotland is one organisation with both roles. */
public enum RecipientKind {
  REGION, KOMMUN;

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

  /** The recipient id of this kind for a code: {@code region-18}, {@code kommun-1880}. */
  public String recipientId(String code) {
    return code() + "-" + code;
  }
}
