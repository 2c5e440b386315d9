package se.bidrag.integration.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.integration.Scenario;
import se.bidrag.local.LocalRuntime;
import se.bidrag.smoke.SmokeCheck;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * ./bidrag smoke against the local stack, as after a deploy: the agency has published the grant and some
 * organisations have requisitioned; the check reads, files and withdraws, prints each step, passes again
 * when run again, fails (saying where) with a token that may not file, and leaves everything of the real
 * grant as it was.
 */
@ExtendWith(LocalStackExtension.class)
class SmokeCheckIT {
  static final String RECIPIENT = "kommun-0114";

  private static Map<String, Map<String, AttributeValue>> realGrant(Scenario s) {
    Map<String, Map<String, AttributeValue>> out = new TreeMap<>(s.snapshot());
    out.keySet().removeIf(k -> k.contains("smoke-test"));
    return out;
  }

  private static String run(LocalRuntime runtime, String agency, String ombud, List<SmokeCheck.Step> into) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    into.addAll(SmokeCheck.run(new SmokeCheck.Options(runtime.api().uri(), agency, ombud, Scenario.GRANT, "smoke-test",
        null), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    String out = bytes.toString(StandardCharsets.UTF_8);
    System.out.print(out);
    return out;
  }

  @Test
  void theSmokeCheckReadsFilesAndWithdrawsPrintingEachStepAndLeavesTheGrantAsItWas(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime).published();
    s.requisition("kommun-0180", 1_000_000, true);
    String ombud = s.ombud(s.orgnr(RECIPIENT));
    var before = realGrant(s);

    List<SmokeCheck.Step> first = new java.util.ArrayList<>();
    String out = run(runtime, s.handlaggare, ombud, first);
    assertTrue(first.stream().allMatch(SmokeCheck.Step::ok), out);
    assertTrue(out.startsWith("Smoke check of " + runtime.api().uri()), out);
    assertTrue(out.contains("[ok]      GET /grants/god-och-nara-vard-2025 "), out);
    assertTrue(out.contains("published the smoke-test allocation: 311 recipients, 11000 kr"), out);
    assertTrue(out.contains("the ombud token acts for " + s.orgnr(RECIPIENT) + ": recipient " + RECIPIENT), out);
    assertTrue(out.contains("GET /grants/god-och-nara-vard-2025/requisitions") && out.contains("1 requisitions, 1000000 kr"),
        out);
    assertTrue(out.contains("PUT /grants/smoke-test/requisitions/" + RECIPIENT) && out.contains("201: filed 1 kr, version 1"),
        out);
    assertTrue(out.contains("withdrawn: the smoke-test grant is as before"), out);
    assertTrue(out.endsWith("Smoke check passed: " + first.size() + " steps.\n"), out);

    var smoke = s.http.get("/grants/smoke-test/requisitions/" + RECIPIENT, ombud).json();
    assertEquals("withdrawn", smoke.path("status").asText());
    assertEquals(0, s.http.get("/grants/smoke-test/requisitions", s.handlaggare).json().path("totals").path("requisitioned")
        .asLong(), "nothing requisitioned in the smoke-test grant");

    List<SmokeCheck.Step> second = new java.util.ArrayList<>();
    String again = run(runtime, s.handlaggare, ombud, second);
    assertTrue(second.stream().allMatch(SmokeCheck.Step::ok), again);
    assertFalse(again.contains("published the smoke-test allocation"), "published once: " + again);
    assertTrue(again.contains("200: filed 1 kr, version 3"), "filed again over the withdrawn one: " + again);

    Scenario.assertUnchanged(before, realGrant(s), "the smoke check");
  }

  @Test
  void aTokenThatMayNotFileFailsTheCheckAndSaysWhere(LocalRuntime runtime) {
    Scenario s = new Scenario(runtime).published();
    String unregistered = s.token("not-the-ombud", s.orgnr(RECIPIENT), "ombud");
    List<SmokeCheck.Step> steps = new java.util.ArrayList<>();
    String out = run(runtime, s.handlaggare, unregistered, steps);
    SmokeCheck.Step last = steps.get(steps.size() - 1);
    assertFalse(last.ok(), out);
    assertTrue(last.detail().startsWith("403 "), out);
    assertTrue(out.contains("[FAILED]") && out.contains("Smoke check FAILED at step " + steps.size()), out);
  }
}
