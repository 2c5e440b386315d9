package se.bidrag.allocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of deployment this is. A production stage publishes only allocations whose inputs are all
 * official; a test stage may publish one computed from illustrative inputs, and the published figures then
 * say so wherever they are shown.
 */
public enum Stage {
  PRODUCTION("production"),
  TEST("test");

  private final String code;

  Stage(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** Whether an allocation with these illustrative inputs may be published here. */
  public boolean mayPublish(Allocation allocation) {
    return this == TEST || allocation.illustrativeInputs().isEmpty();
  }

  public static Optional<Stage> parse(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code == null ? null : code.toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
