package se.bidrag.notification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** A MIME message (RFC 5322/2045) with a text and an HTML part and attachments, UTF-8 throughout. */
final class Mime {
  private Mime() {}

  static byte[] message(String from, EmailJob job) {
    String mixed = "mixed-" + UUID.randomUUID();
    String alternative = "alt-" + UUID.randomUUID();
    StringBuilder m = new StringBuilder();
    m.append("From: ").append(from).append("\r\n");
    m.append("To: ").append(job.to()).append("\r\n");
    m.append("Subject: ").append(encodedWord(job.subject())).append("\r\n");
    m.append("MIME-Version: 1.0\r\n");
    m.append("Content-Type: multipart/mixed; boundary=\"").append(mixed).append("\"\r\n\r\n");
    m.append("--").append(mixed).append("\r\n");
    m.append("Content-Type: multipart/alternative; boundary=\"").append(alternative).append("\"\r\n\r\n");
    part(m, alternative, "text/plain; charset=UTF-8", job.text());
    if (job.html() != null) {
      part(m, alternative, "text/html; charset=UTF-8", job.html());
    }
    m.append("--").append(alternative).append("--\r\n");
    for (EmailJob.Attachment a : job.attachments()) {
      m.append("--").append(mixed).append("\r\n");
      m.append("Content-Type: ").append(a.contentType()).append("; name=\"").append(a.filename()).append("\"\r\n");
      m.append("Content-Disposition: attachment; filename=\"").append(a.filename()).append("\"\r\n");
      m.append("Content-Transfer-Encoding: base64\r\n\r\n");
      m.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(a.content()))
          .append("\r\n");
    }
    m.append("--").append(mixed).append("--\r\n");
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void part(StringBuilder m, String boundary, String contentType, String body) {
    m.append("--").append(boundary).append("\r\n");
    m.append("Content-Type: ").append(contentType).append("\r\n");
    m.append("Content-Transfer-Encoding: base64\r\n\r\n");
    m.append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(body.getBytes(StandardCharsets.UTF_8))).append("\r\n");
  }

  /** RFC 2047 encoded word for non-ASCII header text. */
  static String encodedWord(String text) {
    boolean ascii = text.chars().allMatch(c -> c >= 32 && c < 127);
    return ascii ? text : "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
  }
}
