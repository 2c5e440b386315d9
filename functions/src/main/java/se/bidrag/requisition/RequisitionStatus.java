package se.bidrag.requisition;

import java.util.Locale;

/** Where a requisition is: accepted (may be amended or withdrawn until the deadline), withdrawn, or paid (locked). */
public enum RequisitionStatus {
  ACCEPTED, WITHDRAWN, PAID;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
