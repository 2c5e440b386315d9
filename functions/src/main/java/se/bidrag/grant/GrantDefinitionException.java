package se.bidrag.grant;

/** A grant definition file that cannot be used; the message names the file and the field. */
public final class GrantDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GrantDefinitionException(String message) {
    super(message);
  }
}
