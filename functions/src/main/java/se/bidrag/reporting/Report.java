package se.bidrag.reporting;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A recipient's report (återrapport): what it used per area, what it did not use, and an account of
 * the results. {@code received} is what it was paid; used + unspent = received.
 *
 * @param late submitted after the reporting deadline
 * @param separateAccounting the recipient kept the grant apart in its accounts (särredovisning), as the
 *     instructions recommend
 */
public record Report(String grantId, String recipientId, String name, long version, long received,
    SortedMap<Integer, Long> usedPerArea, long unspent, String account, String reporterName, String reporterEmail,
    Instant submittedAt, boolean late, boolean separateAccounting) {

  public Report {
    usedPerArea = Collections.unmodifiableSortedMap(new TreeMap<>(usedPerArea));
  }

  public long used() {
    return usedPerArea.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The receipt's reference: stable per version ({@code AR-<grant>-<recipient>-v<version>}). */
  public String reference() {
    return "AR-" + grantId + "-" + recipientId + "-v" + version;
  }

  /** The same content (ignoring version, time and lateness): a re-sent report. */
  public boolean sameContent(Report o) {
    return usedPerArea.equals(o.usedPerArea) && unspent == o.unspent && account.equals(o.account)
        && reporterName.equals(o.reporterName) && reporterEmail.equals(o.reporterEmail)
        && separateAccounting == o.separateAccounting;
  }
}
