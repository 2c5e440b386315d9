package se.bidrag.datatools;

/** An agency's file that cannot be read as the layout its reader expects; the message says what was looked for and found. */
public final class ImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ImportException(String file, String message) {
    super(file + ": " + message);
  }
}
