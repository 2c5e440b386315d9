package se.bidrag.notification;

/** Sends one e-mail (SES on AWS and locally). */
public interface Mailer {

  /** Sends the job from {@code from}; returns the provider's message id. */
  String send(EmailJob job, String from);

  /**
   * No answer from the provider: the mail may or may not have gone out. The sender keeps its claim
   * (so a duplicate delivery does not resend at once) and retries only after the claim's lease.
   */
  final class Uncertain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Uncertain(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A send that did not happen; {@code throttled}: try again later; {@code permanent}: retrying will not help. */
  final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean throttled;
    private final boolean permanent;

    public Failure(String message, boolean throttled, boolean permanent, Throwable cause) {
      super(message, cause);
      this.throttled = throttled;
      this.permanent = permanent;
    }

    public boolean throttled() {
      return throttled;
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
