package se.bidrag.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SwedishCalendarTest {

  @Test
  void easterDatesAreRight() {
    assertEquals(LocalDate.of(2025, 4, 20), SwedishCalendar.easter(2025));
    assertEquals(LocalDate.of(2026, 4, 5), SwedishCalendar.easter(2026));
    assertEquals(LocalDate.of(2027, 3, 28), SwedishCalendar.easter(2027));
    assertEquals(LocalDate.of(2038, 4, 25), SwedishCalendar.easter(2038));
  }

  @Test
  void holidaysOf2026() {
    // långfredagen 3 April, annandag påsk 6 April, Kristi himmelsfärd 14 May, midsommarafton 19 June
    for (String d : new String[] {"2026-01-01", "2026-01-06", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14",
        "2026-06-19", "2026-12-24", "2026-12-25", "2026-12-31"}) {
      assertFalse(SwedishCalendar.isWorkingDay(LocalDate.parse(d)), d);
    }
    assertTrue(SwedishCalendar.isWorkingDay(LocalDate.parse("2026-04-02")), "skärtorsdagen is a working day");
    assertFalse(SwedishCalendar.isWorkingDay(LocalDate.parse("2026-03-28")), "a Saturday");
  }

  @Test
  void workingDaysSkipWeekendsAndHolidays() {
    // one working day after Thursday 2 April 2026 is Tuesday 7 April (Good Friday, Easter, Easter Monday between)
    assertEquals(LocalDate.parse("2026-04-07"), SwedishCalendar.addWorkingDays(LocalDate.parse("2026-04-02"), 1));
    assertEquals(LocalDate.parse("2026-04-02"), SwedishCalendar.addWorkingDays(LocalDate.parse("2026-04-07"), -1));
    // 3 working days before Tuesday 31 March 2026: Thursday 26 March
    assertEquals(LocalDate.parse("2026-03-26"), SwedishCalendar.addWorkingDays(LocalDate.parse("2026-03-31"), -3));
    // 14 working days before: Wednesday 11 March
    assertEquals(LocalDate.parse("2026-03-11"), SwedishCalendar.addWorkingDays(LocalDate.parse("2026-03-31"), -14));
    assertEquals(LocalDate.parse("2026-04-01"), SwedishCalendar.addWorkingDays(LocalDate.parse("2026-03-31"), 1));
  }

  @Test
  void workingDaysBetweenCountTheWorkingDaysAfterTheFirstUpToTheSecond() {
    // Thursday 17 April 2025 to Tuesday 22 April: långfredagen and annandag påsk are not working days
    assertEquals(1, SwedishCalendar.workingDaysBetween(LocalDate.of(2025, 4, 17), LocalDate.of(2025, 4, 22)));
    assertEquals(0, SwedishCalendar.workingDaysBetween(LocalDate.of(2025, 4, 18), LocalDate.of(2025, 4, 18)));
    assertEquals(5, SwedishCalendar.workingDaysBetween(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 10)));
    assertEquals(0, SwedishCalendar.workingDaysBetween(LocalDate.of(2025, 3, 10), LocalDate.of(2025, 3, 3)));
  }
}
