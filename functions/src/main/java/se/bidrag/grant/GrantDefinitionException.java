package se.bidrag.grant;

import java.util.List;

/**
 * A grant definition file that cannot be used; the message names the file and the field. Where the
 * definition has several problems, {@link #problems()} lists every one and the message joins them, one a line.
 */
public final class GrantDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public GrantDefinitionException(String message) {
    this(List.of(message));
  }

  public GrantDefinitionException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each naming the file and the field. */
  public List<String> problems() {
    return problems;
  }
}
