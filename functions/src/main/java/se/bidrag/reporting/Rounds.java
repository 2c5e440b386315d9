package se.bidrag.reporting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.grant.SwedishCalendar;

/**
 * The reporting rounds of a grant: round 0 sends the web-form links on the dispatch date; rounds
 * 1..n are the reminders, each a number of Swedish working days before (negative) or after the
 * reporting deadline, sent only to recipients that have not reported.
 */
public final class Rounds {
  private Rounds() {}

  /** One round. */
  public record Round(int number, boolean reminder, LocalDate date) {
    public String kind() {
      return reminder ? "reminder" : "link";
    }
  }

  public static List<Round> of(GrantDefinition.Reporting r) {
    List<Round> rounds = new ArrayList<>();
    rounds.add(new Round(0, false, r.dispatchDate()));
    int n = 1;
    for (int offset : r.reminderWorkingDays().stream().sorted().toList()) {
      rounds.add(new Round(n++, true, SwedishCalendar.addWorkingDays(r.deadline(), offset)));
    }
    return rounds;
  }

  /**
   * The rounds to run on {@code today}, of those not yet run: the link round once its date has come,
   * and of the reminders that have come only the latest (earlier ones it supersedes are skipped, so a
   * job that missed days does not send several reminders at once).
   */
  public static List<Round> due(List<Round> rounds, LocalDate today, java.util.Set<Integer> done) {
    List<Round> due = new ArrayList<>();
    Round latestReminder = null;
    for (Round r : rounds) {
      if (r.date().isAfter(today) || done.contains(r.number())) {
        continue;
      }
      if (!r.reminder()) {
        due.add(r);
      } else if (latestReminder == null || r.number() > latestReminder.number()) {
        latestReminder = r;
      }
    }
    if (latestReminder != null) {
      int latest = latestReminder.number();
      boolean laterDone = done.stream().anyMatch(d -> d > latest);
      if (!laterDone) {
        due.add(latestReminder);
      }
    }
    return due;
  }
}
