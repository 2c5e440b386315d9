package se.bidrag.allocation;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import se.bidrag.platform.Settings;

/**
 * When the year's scheduled jobs run, as the template schedules them (its values passed to the function
 * as environment variables, so the grant's own route can show the timeline): the one-off redistribution
 * (local time, Europe/Stockholm), the daily payout and invoicing runs (local times of day).
 */
record YearSchedule(LocalDateTime redistributionAt, LocalTime payoutDailyAt, LocalTime invoicingDailyAt) {
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");
  private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?");

  static YearSchedule from(Settings env) {
    return new YearSchedule(env.optionalMatching("BIDRAG_REDISTRIBUTION_AT", DATE_TIME, "yyyy-MM-ddTHH:mm[:ss]")
        .map(LocalDateTime::parse).orElse(null),
        LocalTime.parse(env.optionalMatching("BIDRAG_PAYOUT_DAILY_AT", TIME, "HH:mm").orElse("06:00")),
        LocalTime.parse(env.optionalMatching("BIDRAG_INVOICING_DAILY_AT", TIME, "HH:mm").orElse("07:30")));
  }

  /** The redistribution's instant with its offset in {@code zone}, or null when not scheduled. */
  ZonedDateTime redistribution(ZoneId zone) {
    return redistributionAt == null ? null : redistributionAt.atZone(zone);
  }
}
