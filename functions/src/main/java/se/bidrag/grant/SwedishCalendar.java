package se.bidrag.grant;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * Swedish working days: Monday to Friday, except the public holidays (allmänna helgdagar: nyårsdagen,
 * trettondedag jul, långfredagen, annandag påsk, första maj, Kristi himmelsfärdsdag, nationaldagen,
 * julafton's neighbours juldagen and annandag jul) and the days treated as holidays in working life
 * (midsommarafton, julafton, nyårsafton). Weekend holidays (påskdagen, pingstdagen, midsommardagen,
 * alla helgons dag) fall on weekends anyway.
 */
public final class SwedishCalendar {
  private SwedishCalendar() {}

  /** Easter Sunday (anonymous Gregorian algorithm). */
  static LocalDate easter(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }

  /** The weekdays off in a year. */
  public static Set<LocalDate> holidays(int year) {
    Set<LocalDate> days = new TreeSet<>();
    LocalDate easter = easter(year);
    days.add(LocalDate.of(year, 1, 1)); // nyårsdagen
    days.add(LocalDate.of(year, 1, 6)); // trettondedag jul
    days.add(easter.minusDays(2)); // långfredagen
    days.add(easter.plusDays(1)); // annandag påsk
    days.add(LocalDate.of(year, 5, 1)); // första maj
    days.add(easter.plusDays(39)); // Kristi himmelsfärdsdag
    days.add(LocalDate.of(year, 6, 6)); // nationaldagen
    // midsommarafton: the Friday between 19 and 25 June
    days.add(LocalDate.of(year, Month.JUNE, 19).with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)));
    days.add(LocalDate.of(year, 12, 24)); // julafton
    days.add(LocalDate.of(year, 12, 25)); // juldagen
    days.add(LocalDate.of(year, 12, 26)); // annandag jul
    days.add(LocalDate.of(year, 12, 31)); // nyårsafton
    return days;
  }

  public static boolean isWorkingDay(LocalDate date) {
    DayOfWeek d = date.getDayOfWeek();
    return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !holidays(date.getYear()).contains(date);
  }

  /** The date {@code n} working days after (n > 0) or before (n < 0) {@code date}. */
  public static LocalDate addWorkingDays(LocalDate date, int n) {
    int step = n >= 0 ? 1 : -1;
    LocalDate d = date;
    for (int left = Math.abs(n); left > 0; ) {
      d = d.plusDays(step);
      if (isWorkingDay(d)) {
        left--;
      }
    }
    return d;
  }

  /** The working days after {@code from} up to and including {@code to} (0 when {@code to} is not after {@code from}). */
  public static int workingDaysBetween(LocalDate from, LocalDate to) {
    int n = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        n++;
      }
    }
    return n;
  }
}
