package se.bidrag.allocation;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import se.bidrag.grant.GrantDefinition;
import se.bidrag.platform.Settings;

/**
 * When the scheduled jobs run, as the template schedules them (its values passed to the function as
 * environment variables, so the grant's own route can show the timeline): the daily redistribution,
 * payout and invoicing runs, local times of day in Europe/Stockholm. The schedules are the same for
 * every grant; each job does for each grant what its phase asks.
 */
record YearSchedule(LocalTime redistributionDailyAt, LocalTime payoutDailyAt, LocalTime invoicingDailyAt) {
  static final ZoneId SCHEDULES = ZoneId.of("Europe/Stockholm");
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");

  static YearSchedule from(Settings env) {
    return new YearSchedule(daily(env, "BIDRAG_REDISTRIBUTION_DAILY_AT", "02:00"),
        daily(env, "BIDRAG_PAYOUT_DAILY_AT", "06:00"), daily(env, "BIDRAG_INVOICING_DAILY_AT", "07:30"));
  }

  private static LocalTime daily(Settings env, String name, String otherwise) {
    return LocalTime.parse(env.optionalMatching(name, TIME, "HH:mm").orElse(otherwise));
  }

  /**
   * When the grant is redistributed: the first daily redistribution run at or after its requisitions
   * close, in the grant's time zone; null for a grant the jobs do not run for.
   */
  ZonedDateTime redistribution(GrantDefinition grant) {
    if (!grant.scheduledJobs()) {
      return null;
    }
    ZonedDateTime closes = grant.requisitionClosesAt().atZone(SCHEDULES);
    ZonedDateTime run = closes.toLocalDate().atTime(redistributionDailyAt).atZone(SCHEDULES);
    return (run.isBefore(closes) ? run.plusDays(1) : run).withZoneSameInstant(grant.timeZone());
  }
}
