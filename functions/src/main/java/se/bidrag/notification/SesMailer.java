package se.bidrag.notification;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.MessageTag;
import software.amazon.awssdk.services.ses.model.SesException;

/**
 * SES (API v1, the product card's {@code ses}): SendRawEmail with the message {@link Mime} builds,
 * for every job (so every message's encoding is ours and tested: subject, display names, bodies,
 * attachment names); the envelope sender and recipient are the From and To addresses in ASCII.
 */
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
    byte[] raw;
    try {
      raw = Mime.message(from, job);
    } catch (IllegalArgumentException e) {
      throw new Failure("no message can be built for " + job.jobId() + ": " + e.getMessage(), false, true, e);
    }
    try {
      return ses.sendRawEmail(r -> {
        r.source(Mime.envelopeFrom(from)).destinations(Mime.envelopeTo(job.to()))
            .rawMessage(m -> m.data(SdkBytes.fromByteArrayUnsafe(raw)));
        if (configurationSet != null) {
          r.configurationSetName(configurationSet);
        }
        r.tags(tags(job)); // come back in the SES events (bounces): the grant and the request that sent the mail
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

  /** SES message tags (names and values of letters, digits, _ and -): the job's grant and the correlation id. */
  static java.util.List<MessageTag> tags(EmailJob job) {
    java.util.List<MessageTag> tags = new java.util.ArrayList<>();
    String grant = job.tags().get("grant");
    String correlationId = se.bidrag.platform.LogContext.current().correlationId();
    if (grant != null && !grant.isBlank()) {
      tags.add(MessageTag.builder().name("grant").value(tagValue(grant)).build());
    }
    if (correlationId != null) {
      tags.add(MessageTag.builder().name("correlationId").value(tagValue(correlationId)).build());
    }
    return tags;
  }

  private static String tagValue(String s) {
    String v = s.replaceAll("[^A-Za-z0-9_-]", "_");
    return v.length() > 256 ? v.substring(0, 256) : v;
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
