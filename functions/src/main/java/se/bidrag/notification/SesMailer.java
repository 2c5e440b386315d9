package se.bidrag.notification;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.SesException;

/** SES (API v1, the product card's {@code ses}): SendEmail, or SendRawEmail when there are attachments. */
public final class SesMailer implements Mailer {
  private final SesClient ses;
  private final String configurationSet;

  /** @param configurationSet the SES configuration set whose event destination reports bounces, or null */
  public SesMailer(SesClient ses, String configurationSet) {
    this.ses = ses;
    this.configurationSet = configurationSet;
  }

  @Override
  public String send(EmailJob job, String from) {
    try {
      if (job.attachments().isEmpty()) {
        return ses.sendEmail(r -> {
          r.source(from).destination(d -> d.toAddresses(job.to()))
              .message(m -> m.subject(c -> c.data(job.subject()).charset("UTF-8")).body(b -> {
                b.text(c -> c.data(job.text()).charset("UTF-8"));
                if (job.html() != null) {
                  b.html(c -> c.data(job.html()).charset("UTF-8"));
                }
              }));
          if (configurationSet != null) {
            r.configurationSetName(configurationSet);
          }
        }).messageId();
      }
      return ses.sendRawEmail(r -> {
        r.source(from).destinations(job.to()).rawMessage(m -> m.data(SdkBytes.fromByteArray(Mime.message(from, job))));
        if (configurationSet != null) {
          r.configurationSetName(configurationSet);
        }
      }).messageId();
    } catch (SesException e) {
      boolean throttled = e.isThrottlingException() || "Throttling".equals(code(e))
          || "MaxSendingRateExceeded".equals(code(e));
      boolean permanent = "MessageRejected".equals(code(e)) || "MailFromDomainNotVerified".equals(code(e));
      throw new Failure("SES refused " + job.jobId() + ": " + code(e), throttled, permanent, e);
    } catch (SdkClientException e) {
      if (neverConnected(e)) {
        throw new Failure("SES could not be reached for " + job.jobId() + ": " + e.getMessage(), false, false, e);
      }
      throw new Uncertain("SES did not answer for " + job.jobId() + " (it may have sent it): " + e.getMessage(), e);
    }
  }

  /** The connection was never made, so SES cannot have received the message. */
  static boolean neverConnected(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof java.net.ConnectException || c instanceof java.net.UnknownHostException
          || c instanceof java.net.NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  private static String code(SesException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
