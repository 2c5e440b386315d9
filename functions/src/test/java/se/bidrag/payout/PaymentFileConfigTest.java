package se.bidrag.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.platform.Settings;

class PaymentFileConfigTest {
  static PaymentFileConfig config(String max) {
    Map<String, String> env = new HashMap<>(Map.of("TABLE_NAME", "t", "AGENCY_BANKGIRO", "5050-1055"));
    if (max != null) {
      env.put("PAYMENT_FILE_MAX_TRANSACTIONS", max);
    }
    return PaymentFileConfig.from(Settings.of(env));
  }

  @Test
  void theLimitOfTransactionsPerFile() {
    assertEquals(10_000, config(null).maxTransactions(), "the default");
    assertEquals(2_500, config("2500").maxTransactions());
    assertEquals(20_000, config("20000").maxTransactions());
    assertTrue(assertThrows(IllegalStateException.class, () -> config("20001")).getMessage()
        .contains("PAYMENT_FILE_MAX_TRANSACTIONS"));
    assertTrue(assertThrows(RuntimeException.class, () -> config("0")).getMessage()
        .contains("PAYMENT_FILE_MAX_TRANSACTIONS"));
    assertTrue(assertThrows(RuntimeException.class, () -> config("many")).getMessage()
        .contains("PAYMENT_FILE_MAX_TRANSACTIONS"));
  }
}
