package se.bidrag.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleInputTest {
  private final List<String> ran = new ArrayList<>();

  private Map<String, Object> job(String grantId) {
    ran.add(grantId);
    if (grantId.equals("b")) {
      throw new IllegalStateException("b's table is throttled");
    }
    return Map.of("grantId", grantId, "outcome", "DONE");
  }

  @Test
  void theDailyInputRunsEveryGrantAndAFailingGrantDoesNotStopTheOthers() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ScheduleInput.eachGrant(Map.of(), () -> List.of("a", "b", "c"), this::job));
    assertEquals(List.of("a", "b", "c"), ran, "c ran although b failed");
    assertTrue(e.getMessage().contains("[b]") && e.getMessage().contains("throttled"), e.getMessage());
  }

  @Test
  void everyGrantsResultIsListed() {
    Map<String, Object> out = ScheduleInput.eachGrant(Map.of(), () -> List.of("a", "c"), this::job);
    assertEquals(List.of(Map.of("grantId", "a", "outcome", "DONE"), Map.of("grantId", "c", "outcome", "DONE")),
        out.get("grants"));
  }

  @Test
  void anInputNamingAGrantRunsThatGrantAloneWithItsOwnResult() {
    Map<String, Object> out = ScheduleInput.eachGrant(Map.of("grantId", "c"), () -> List.of("a", "b", "c"), this::job);
    assertEquals(List.of("c"), ran);
    assertEquals("DONE", out.get("outcome"));
    assertThrows(IllegalArgumentException.class,
        () -> ScheduleInput.eachGrant(Map.of("grantId", " "), () -> List.of("a"), this::job));
  }
}
