package se.bidrag.local;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge Scheduler expressions, judged in the schedule's time zone: {@code at(yyyy-mm-ddThh:mm:ss)},
 * {@code rate(n unit)}, and {@code cron(minutes hours day-of-month month day-of-week year)} with
 * numbers, names, {@code * ? , - /}. The L, W and # forms are refused (not silently misread).
 */
public abstract sealed class ScheduleExpression {

  /** The latest occurrence in (after, upTo], if any. */
  public abstract Optional<Instant> latestIn(Instant after, Instant upTo);

  public static ScheduleExpression parse(String expression, ZoneId zone, Instant origin) {
    Matcher at = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)").matcher(expression);
    if (at.matches()) {
      return new At(LocalDateTime.parse(at.group(1)).atZone(zone).toInstant());
    }
    Matcher rate = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)").matcher(expression);
    if (rate.matches()) {
      long n = Long.parseLong(rate.group(1));
      Duration unit = switch (rate.group(2).replaceAll("s$", "")) {
        case "minute" -> Duration.ofMinutes(1);
        case "hour" -> Duration.ofHours(1);
        default -> Duration.ofDays(1);
      };
      return new Rate(origin, unit.multipliedBy(n));
    }
    Matcher cron = Pattern.compile("cron\\((.+)\\)").matcher(expression);
    if (cron.matches()) {
      String[] f = cron.group(1).trim().split("\\s+");
      if (f.length != 6) {
        throw new IllegalArgumentException(expression + ": cron needs 6 fields");
      }
      return new Cron(expression, zone, field(f[0], 0, 59, Map.of(), expression), field(f[1], 0, 23, Map.of(), expression),
          field(f[2], 1, 31, Map.of(), expression), field(f[3], 1, 12, MONTHS, expression),
          field(f[4], 1, 7, DAYS, expression), field(f[5], 1970, 2199, Map.of(), expression));
    }
    throw new IllegalArgumentException("not a schedule expression the local scheduler understands: " + expression);
  }

  private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
      Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
      Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
  /** EventBridge numbers days of the week 1 (Sunday) to 7 (Saturday). */
  private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
      "FRI", 6, "SAT", 7);

  /** The allowed values of one cron field; null means "any" ({@code *} or {@code ?}). */
  private static BitSet field(String text, int min, int max, Map<String, Integer> names, String expression) {
    if (text.equals("*") || text.equals("?")) {
      return null;
    }
    if (text.matches(".*[LW#].*")) {
      throw new IllegalArgumentException(expression + ": the L, W and # forms are not supported locally");
    }
    BitSet bits = new BitSet();
    for (String part : text.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = Integer.parseInt(part.substring(slash + 1));
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ft = range.split("-");
        from = value(ft[0], names);
        to = value(ft[1], names);
      } else {
        from = value(range, names);
        to = slash >= 0 ? max : from;
      }
      if (from < min || to > max || from > to) {
        throw new IllegalArgumentException(expression + ": " + part + " is out of range " + min + "-" + max);
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int value(String text, Map<String, Integer> names) {
    Integer named = names.get(text.toUpperCase(Locale.ROOT));
    return named != null ? named : Integer.parseInt(text);
  }

  static final class At extends ScheduleExpression {
    private final Instant at;

    At(Instant at) {
      this.at = at;
    }

    @Override
    public Optional<Instant> latestIn(Instant after, Instant upTo) {
      return at.isAfter(after) && !at.isAfter(upTo) ? Optional.of(at) : Optional.empty();
    }
  }

  static final class Rate extends ScheduleExpression {
    private final Instant origin;
    private final Duration period;

    Rate(Instant origin, Duration period) {
      this.origin = origin;
      this.period = period;
    }

    @Override
    public Optional<Instant> latestIn(Instant after, Instant upTo) {
      if (upTo.isBefore(origin)) {
        return Optional.empty();
      }
      long n = Duration.between(origin, upTo).toMillis() / period.toMillis();
      Instant latest = origin.plus(period.multipliedBy(n));
      return latest.isAfter(after) ? Optional.of(latest) : Optional.empty();
    }
  }

  static final class Cron extends ScheduleExpression {
    private final String text;
    private final ZoneId zone;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final BitSet years;

    Cron(String text, ZoneId zone, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months, BitSet daysOfWeek,
        BitSet years) {
      this.text = text;
      this.zone = zone;
      this.minutes = minutes;
      this.hours = hours;
      this.daysOfMonth = daysOfMonth;
      this.months = months;
      this.daysOfWeek = daysOfWeek;
      this.years = years;
    }

    private static boolean allows(BitSet set, int value) {
      return set == null || set.get(value);
    }

    private boolean dayMatches(LocalDate d) {
      int dow = d.getDayOfWeek() == DayOfWeek.SUNDAY ? 1 : d.getDayOfWeek().getValue() + 1;
      return allows(years, d.getYear()) && allows(months, d.getMonthValue()) && allows(daysOfMonth, d.getDayOfMonth())
          && allows(daysOfWeek, dow);
    }

    @Override
    public Optional<Instant> latestIn(Instant after, Instant upTo) {
      LocalDate first = after.atZone(zone).toLocalDate();
      for (LocalDate d = upTo.atZone(zone).toLocalDate(); !d.isBefore(first); d = d.minusDays(1)) {
        if (!dayMatches(d)) {
          continue;
        }
        for (int h = 23; h >= 0; h--) {
          if (!allows(hours, h)) {
            continue;
          }
          for (int m = 59; m >= 0; m--) {
            if (!allows(minutes, m)) {
              continue;
            }
            Instant t = ZonedDateTime.of(d, LocalTime.of(h, m), zone).toInstant();
            if (!t.isAfter(upTo)) {
              return t.isAfter(after) ? Optional.of(t) : Optional.empty();
            }
          }
        }
      }
      return Optional.empty();
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
