package se.bidrag.reporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.bidrag.grant.GrantCatalog;

class RoundsTest {
  final List<Rounds.Round> rounds = Rounds.of(GrantCatalog.bundled().require("god-och-nara-vard-2025").reporting());

  @Test
  void theRoundsOf2026() {
    assertEquals(List.of(LocalDate.parse("2026-02-02"), LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-26"),
        LocalDate.parse("2026-04-01")), rounds.stream().map(Rounds.Round::date).toList());
  }

  @Test
  void eachRoundIsDueFromItsDateUntilItHasRun() {
    assertEquals(List.of(), Rounds.due(rounds, LocalDate.parse("2026-02-01"), Set.of()));
    assertEquals(List.of(0), numbers(Rounds.due(rounds, LocalDate.parse("2026-02-02"), Set.of())));
    assertEquals(List.of(), Rounds.due(rounds, LocalDate.parse("2026-02-03"), Set.of(0)));
    assertEquals(List.of(1), numbers(Rounds.due(rounds, LocalDate.parse("2026-03-11"), Set.of(0))));
  }

  @Test
  void aJobThatMissedDaysSendsTheLinkAndOnlyTheLatestReminder() {
    assertEquals(List.of(0, 2), numbers(Rounds.due(rounds, LocalDate.parse("2026-03-27"), Set.of())));
    assertEquals(List.of(3), numbers(Rounds.due(rounds, LocalDate.parse("2026-04-20"), Set.of(0, 1))));
    assertEquals(List.of(), Rounds.due(rounds, LocalDate.parse("2026-04-20"), Set.of(0, 3)));
  }

  private static List<Integer> numbers(List<Rounds.Round> due) {
    return due.stream().map(Rounds.Round::number).toList();
  }
}
