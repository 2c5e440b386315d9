package se.bidrag.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BankgiroTest {

  @Test
  void sevenOrEightDigitsWhoseLastIsTheLuhnCheckDigit() {
    assertEquals("50501055", Bankgiro.parse("5050-1055").orElseThrow().digits(), "Bankgirot's documentation example");
    assertEquals("50501055", Bankgiro.parse(" 50501055 ").orElseThrow().digits());
    assertEquals("9912346", Bankgiro.parse("991-2346").orElseThrow().digits(), "seven digits");
    for (String bad : List.of("5050-1056", "505-1055", "123456", "123456789", "5050-10a5", "50-501055", "5050--1055",
        "5050-105-5", "", "-50501055")) {
      assertEquals(Optional.empty(), Bankgiro.parse(bad), bad);
    }
    assertEquals(Optional.empty(), Bankgiro.parse(null));
  }

  @Test
  void writtenWithTheDashBeforeTheLastFourAndShownMasked() {
    Bankgiro bg = Bankgiro.parse("50501055").orElseThrow();
    assertEquals("5050-1055", bg.formatted());
    assertEquals("\u2022\u2022\u2022-1055", bg.masked());
    assertEquals(bg.masked(), bg.toString(), "never printed in full by accident");
    assertEquals("991-2346", Bankgiro.parse("9912346").orElseThrow().formatted());
    assertTrue(Bankgiro.parse("1234-5674").isPresent());
  }
}
