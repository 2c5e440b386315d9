package se.bidrag.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.bidrag.local.LocalRuntime;
import se.bidrag.platform.Log;

/**
 * The large grant's year passes its checks: a synthetic grant over 200 care units (seeded), a grant bundle uploaded
 * into its own local stack's table (not on any classpath, no data directory), played through its whole year
 * (publish, requisitions by the owners' ombud, deadline, redistribution, attested payouts and payment files, the
 * reporting year and the invoices), every money check of {@link GrantFigures} holding, and its DynamoDB calls per
 * recipient under 45 (35.6 measured at 200 units; README, "A large grant"). Kept small: the reporting year reads
 * every order per report, so its cost grows with N².
 */
class LargeGrantIT {
  private static final int UNITS = 200;
  private static final Path OUT = Path.of("target", "large-grant");

  @Test
  void theLargeGrantsYearPassesItsChecks() throws IOException {
    Path bundle = SyntheticGrant.write(OUT.resolve("bundle"), UNITS, 17);
    LargeGrant.Result r;
    try (PrintStream log = new PrintStream(Files.newOutputStream(OUT.resolve("functions.log")), true,
        StandardCharsets.UTF_8); LocalRuntime runtime = LargeGrantRun.start(null)) {
      Log.to(log);
      try {
        var uploaded = LargeGrantRun.upload(runtime, bundle);
        assertTrue(uploaded.created() && uploaded.version().number() == 1, () -> "uploaded: " + uploaded);
        var again = LargeGrantRun.upload(runtime, bundle);
        assertTrue(!again.created() && again.version().equals(uploaded.version()), "the same bundle again: " + again);
        r = new LargeGrant(runtime, 17, new PrintStream(OutputStream.nullOutputStream())).play(true);
      } finally {
        Log.to(System.out);
      }
    }
    String failed = r.checks().entrySet().stream().filter(e -> !e.getValue())
        .map(e -> e.getKey() + ": " + r.why().get(e.getKey())).collect(Collectors.joining("; "));
    assertTrue(r.failures().isEmpty(), () -> r.failures().size() + " unexpected answers, first: " + r.failures().get(0));
    assertTrue(r.allChecksPass(), () -> "failed: " + failed);
    assertEquals(12, r.checks().size(), () -> "the year's checks, reports and invoices included: " + r.checks());
    assertEquals(UNITS, r.units());
    GrantFigures f = r.figures();
    assertEquals(1_000_000_000L, f.paidTotal);
    assertTrue(f.onTime > 0 && f.late > 0 && f.missing > 0 && f.invoiceCount > 0, () -> "a full reporting year: "
        + Map.of("onTime", f.onTime, "late", f.late, "missing", f.missing, "invoices", f.invoiceCount));
    double perRecipient = r.calls().path("dynamodbCallsPerRecipient").asDouble();
    assertTrue(perRecipient > 10 && perRecipient < 45, "DynamoDB calls per recipient: " + perRecipient);
    assertTrue(r.emails() >= UNITS, "at least a reporting link per unit: " + r.emails());
  }
}
