package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogTest {

  @Test
  void emailAddressesAreMaskedInEveryPartOfALine() {
    assertEquals("r***@kommun-0114.example.se", Log.mask("registrator@kommun-0114.example.se"));
    assertEquals("to a***@b.se and c***@d.example.org.", Log.mask("to anna.andersson@b.se and c@d.example.org."));
    assertEquals("no address here: 2120000019, x@y", Log.mask("no address here: 2120000019, x@y"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Log.to(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Log.info("sent to anna@example.se", "to", "registrator@kommun.example.se", "n", 3);
      Log.error("failed", new IllegalStateException("bounce from kontakt@example.se"), "jobId", "x");
    } finally {
      Log.to(System.out);
    }
    String lines = out.toString(StandardCharsets.UTF_8);
    assertFalse(lines.matches("(?s).*[A-Za-z0-9._%+-]@[A-Za-z0-9-]+\\..*"), lines);
    assertTrue(lines.contains("a***@example.se") && lines.contains("r***@kommun.example.se")
        && lines.contains("k***@example.se"), lines);
  }
}
