package se.bidrag.notification;

import java.time.Instant;
import java.util.List;

/** Addresses no mail goes to any more (they bounced permanently or complained), visible to the agency. */
public interface Suppressions {

  /** One suppressed address. */
  record Suppression(String address, String reason, String messageId, Instant at) {}

  /** Suppresses the address (again: a later event only updates the reason). */
  void suppress(String address, String reason, String messageId, Instant at, String eventJson);

  List<Suppression> all();

  /** Lifts a suppression (the agency fixed the address); false if there was none. */
  boolean lift(String address);
}
