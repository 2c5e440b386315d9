package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PrimingTest {
  @Test
  void aFailingActionIsLoggedAndSkippedAndTheOthersStillRun() {
    AtomicInteger ran = new AtomicInteger();
    Priming.register("test: fails", () -> {
      throw new IllegalStateException("no network during the checkpoint");
    });
    Priming.register("test: counts", ran::incrementAndGet);

    Map<String, Boolean> results = Priming.primeAll();

    assertFalse(results.get("test: fails"));
    assertTrue(results.get("test: counts"));
    assertEquals(1, ran.get());
    assertTrue(Priming.registered().containsAll(java.util.List.of("test: fails", "test: counts")));
  }

  @Test
  void theInvoiceDocumentsPrimingRendersWithoutError() throws Exception {
    var register = Class.forName("se.bidrag.invoicing.Wiring").getDeclaredMethod("registerPriming");
    register.setAccessible(true);
    register.invoke(null);
    assertTrue(Priming.primeAll().get("invoice documents"), "the sample invoice renders as PDF and UBL");
  }
}
