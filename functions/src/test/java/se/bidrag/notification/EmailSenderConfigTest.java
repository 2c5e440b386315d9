package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import se.bidrag.platform.Settings;

/** The sender's configuration: the quota and how many senders share it, read and checked at init. */
class EmailSenderConfigTest {
  private static final Map<String, String> BASE = Map.of("TABLE_NAME", "bidrag", "MAIL_FROM", "statsbidrag@x.se");

  private static EmailSenderConfig read(Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(BASE);
    env.putAll(extra);
    return EmailSenderConfig.from(Settings.of(env));
  }

  @Test
  void theQuotaAndItsSendersAreRead() {
    EmailSenderConfig c = read(Map.of("SES_MAX_SEND_RATE", "50", "EMAIL_SENDERS", "2"));
    assertEquals(50, c.maxSendRate());
    assertEquals(2, c.senders());
  }

  @Test
  void aLoneSenderKeepsTheWholeDefaultQuota() {
    EmailSenderConfig c = read(Map.of());
    assertEquals(14, c.maxSendRate());
    assertEquals(1, c.senders());
  }

  @Test
  void moreSendersThanHalfTheQuotaIsADeploymentErrorNamingBoth() {
    assertEquals(2, read(Map.of("SES_MAX_SEND_RATE", "4", "EMAIL_SENDERS", "2")).senders(), "a share of 2 is enough");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> read(Map.of("SES_MAX_SEND_RATE", "5", "EMAIL_SENDERS", "3")));
    assertTrue(e.getMessage().contains("EMAIL_SENDERS") && e.getMessage().contains("SES_MAX_SEND_RATE"), e.getMessage());
    assertTrue(assertThrows(IllegalStateException.class, () -> read(Map.of("EMAIL_SENDERS", "0"))).getMessage()
        .startsWith("environment variable EMAIL_SENDERS "));
  }
}
