package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private final Settings env = Settings.of(Map.of("TABLE_NAME", "bidrag", "BLANK", "  ", "RATE", "20", "BAD_RATE", "fast",
      "QUEUE", "http://127.0.0.1:9324/000000000000/EmailQueue", "NOT_A_URL", "queue here", "RELATIVE", "/reports/form",
      "DIR", "/data/official", "BANKGIRO", "5050-1055"));

  private static void assertNames(String variable, IllegalStateException e) {
    assertTrue(e.getMessage().startsWith("environment variable " + variable + " "), e.getMessage());
  }

  @Test
  void aRequiredSettingIsReadAndAMissingOrBlankOneIsNamed() {
    assertEquals("bidrag", env.require("TABLE_NAME"));
    assertEquals("environment variable MAIL_FROM is not set",
        assertThrows(IllegalStateException.class, () -> env.require("MAIL_FROM")).getMessage());
    assertNames("BLANK", assertThrows(IllegalStateException.class, () -> env.require("BLANK")));
  }

  @Test
  void optionalSettingsFallBackWhenMissingOrBlank() {
    assertEquals(Optional.empty(), env.optional("BLANK"));
    assertEquals("x", env.optional("MISSING", "x"));
    assertTrue(env.isDefined("BLANK"));
    assertEquals(Optional.of(Path.of("/data/official")), env.optionalPath("DIR"));
    assertEquals(Optional.empty(), env.optionalPath("MISSING"));
  }

  @Test
  void wholeNumbersAreCheckedAndAMalformedOneIsNamed() {
    assertEquals(20, env.integer("RATE", 14, 1));
    assertEquals(14, env.integer("MISSING", 14, 1));
    IllegalStateException malformed = assertThrows(IllegalStateException.class, () -> env.integer("BAD_RATE", 14, 1));
    assertNames("BAD_RATE", malformed);
    assertTrue(malformed.getMessage().contains("'fast'"), malformed.getMessage());
    assertNames("RATE", assertThrows(IllegalStateException.class, () -> env.integer("RATE", 14, 50)));
  }

  @Test
  void urlsMustBeAbsoluteHttpAddresses() {
    assertEquals(URI.create("http://127.0.0.1:9324/000000000000/EmailQueue"), env.url("QUEUE"));
    assertEquals("http://127.0.0.1:9324/000000000000/EmailQueue", env.url("QUEUE").toString(), "as given, unchanged");
    assertNames("NOT_A_URL", assertThrows(IllegalStateException.class, () -> env.url("NOT_A_URL")));
    assertNames("RELATIVE", assertThrows(IllegalStateException.class, () -> env.url("RELATIVE")));
    assertNames("MISSING", assertThrows(IllegalStateException.class, () -> env.url("MISSING")));
    assertEquals(Optional.empty(), env.optionalUrl("BLANK"));
  }

  @Test
  void patternsNameTheVariableThatDoesNotMatch() {
    Pattern bankgiro = Pattern.compile("^[0-9]{3,4}-?[0-9]{4}$");
    assertEquals("5050-1055", env.matching("BANKGIRO", bankgiro, "a bankgiro number"));
    assertNames("RATE", assertThrows(IllegalStateException.class, () -> env.matching("RATE", bankgiro, "a bankgiro number")));
    assertEquals(Optional.empty(), env.optionalMatching("MISSING", bankgiro, "a bankgiro number"));
  }
}
