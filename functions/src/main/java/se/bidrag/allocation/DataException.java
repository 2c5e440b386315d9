package se.bidrag.allocation;

/** Base data that cannot be used. The message names the file, the line (when there is one) and the field. */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String file, int line, String field, String message) {
    super(file + (line > 0 ? ":" + line : "") + (field == null ? "" : ": " + field) + ": " + message);
  }
}
