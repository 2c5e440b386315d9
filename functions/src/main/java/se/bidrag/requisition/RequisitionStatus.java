package se.bidrag.requisition;

import java.util.Locale;

/**
 * Where a requisition is: accepted (may be amended or withdrawn until the deadline), withdrawn, in a
 * payout batch that awaits an attestant's approval (locked; a rejection returns it to accepted), or
 * paid (locked).
 */
public enum RequisitionStatus {
  ACCEPTED, WITHDRAWN, AWAITING_ATTESTATION, PAID;

  /** As the API shows it: {@code accepted}, {@code withdrawn}, {@code awaiting-attestation}, {@code paid}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static RequisitionStatus parse(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** In a payment order (proposed or paid): neither amended nor withdrawn. */
  public boolean locked() {
    return this == AWAITING_ATTESTATION || this == PAID;
  }
}
