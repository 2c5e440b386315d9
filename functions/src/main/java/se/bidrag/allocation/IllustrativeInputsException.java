package se.bidrag.allocation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Publishing refused: this stage publishes only official figures, and the allocation uses illustrative
 * inputs. Nothing was written.
 */
public final class IllustrativeInputsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Provenance> inputs;

  public IllustrativeInputsException(String grantId, Stage stage, List<Provenance> inputs) {
    super("stage " + stage.code() + " publishes only allocations computed from official inputs; the allocation of "
        + grantId + " uses illustrative inputs: " + inputs.stream().map(p -> p.dataset() + " (" + p.file() + ")")
            .collect(Collectors.joining(", "))
        + ". Import the official files (./bidrag data import) into the data directory, or publish on a test stage.");
    this.inputs = List.copyOf(inputs);
  }

  public List<Provenance> inputs() {
    return inputs;
  }
}
