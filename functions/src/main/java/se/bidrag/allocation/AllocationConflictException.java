package se.bidrag.allocation;

/** The grant is already published with other figures; a published allocation is a decision and stays. */
public final class AllocationConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AllocationConflictException(String message) {
    super(message);
  }
}
