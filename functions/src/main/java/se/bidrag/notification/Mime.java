package se.bidrag.notification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * A MIME message (RFC 5322, 2045-2047, 2231) in 7-bit ASCII: the text and (if any) the HTML as
 * quoted-printable UTF-8 alternatives, attachments in base64, both in lines of at most 76 characters.
 * Header fields come from {@link MimeHeaders}: folded, non-ASCII text as encoded words. There is no
 * Date or Message-ID: SES sets both (overriding any given) when it accepts the message.
 */
final class Mime {
  /** Base64 and quoted-printable lines hold at most 76 characters (RFC 2045). */
  static final int BODY_LINE = 76;
  private static final byte[] CRLF = {'\r', '\n'};

  private Mime() {}

  /**
   * The message. Boundaries start with "=_", which neither quoted-printable nor base64 text can
   * contain, so no part can hold one by chance.
   */
  static byte[] message(String from, EmailJob job) {
    String id = UUID.randomUUID().toString();
    StringBuilder m = new StringBuilder();
    m.append(new MimeHeaders.Field("From").mailbox(MimeHeaders.Mailbox.parse(from)).write());
    m.append(new MimeHeaders.Field("To").mailbox(MimeHeaders.Mailbox.parse(job.to())).write());
    m.append(new MimeHeaders.Field("Subject").text(job.subject() == null ? "" : job.subject()).write());
    m.append("MIME-Version: 1.0\r\n");
    if (job.attachments().isEmpty()) {
      body(m, job, id);
    } else {
      String mixed = "=_mixed_" + id;
      m.append("Content-Type: multipart/mixed;\r\n boundary=\"").append(mixed).append("\"\r\n\r\n");
      m.append("This is a multi-part message in MIME format.\r\n");
      m.append("--").append(mixed).append("\r\n");
      body(m, job, id);
      for (EmailJob.Attachment a : job.attachments()) {
        m.append("\r\n--").append(mixed).append("\r\n");
        attachment(m, a);
      }
      m.append("\r\n--").append(mixed).append("--\r\n");
    }
    return m.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The SES envelope sender: the From mailbox unfolded, its display name encoded as in the header. */
  static String envelopeFrom(String from) {
    boolean ascii = from.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    return ascii ? from.strip() : new MimeHeaders.Field("From").mailbox(MimeHeaders.Mailbox.parse(from)).value();
  }

  /** The envelope recipient: the address of {@code to} alone. */
  static String envelopeTo(String to) {
    return MimeHeaders.Mailbox.parse(to).address();
  }

  /** The text alone, or text and HTML as alternatives (the part's headers, a blank line, the content). */
  private static void body(StringBuilder m, EmailJob job, String id) {
    String text = job.text() == null ? "" : job.text();
    if (job.html() == null) {
      text(m, "text/plain", text);
      return;
    }
    String alternative = "=_alt_" + id;
    m.append("Content-Type: multipart/alternative;\r\n boundary=\"").append(alternative).append("\"\r\n\r\n");
    m.append("--").append(alternative).append("\r\n");
    text(m, "text/plain", text);
    m.append("\r\n--").append(alternative).append("\r\n");
    text(m, "text/html", job.html());
    m.append("\r\n--").append(alternative).append("--\r\n");
  }

  private static void text(StringBuilder m, String type, String content) {
    m.append("Content-Type: ").append(type).append("; charset=UTF-8\r\n");
    m.append("Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    m.append(quotedPrintable(content));
  }

  /**
   * An attachment: its file name RFC 2231-encoded in Content-Disposition (where mail programs look
   * first) beside an ASCII fallback, which alone is the Content-Type's {@code name} (RFC 2183's
   * predecessor, read only by programs that know no RFC 2231).
   */
  private static void attachment(StringBuilder m, EmailJob.Attachment a) {
    m.append(new MimeHeaders.Field("Content-Type").token(MimeHeaders.mimeType(a.contentType()) + ";")
        .parameter("name", a.filename(), false).write());
    m.append(new MimeHeaders.Field("Content-Disposition").token("attachment;").parameter("filename", a.filename(), true)
        .write());
    m.append("Content-Transfer-Encoding: base64\r\n\r\n");
    m.append(Base64.getMimeEncoder(BODY_LINE, CRLF).encodeToString(a.content()));
  }

  /**
   * Quoted-printable (RFC 2045 6.7) of text in its canonical form: line breaks as CRLF, the UTF-8
   * bytes of other controls, of "=" and of non-ASCII characters as =XX, a space or tab ending a line
   * encoded, and lines of at most 76 characters joined by soft breaks ("=" at the end) between
   * whole characters.
   */
  static String quotedPrintable(String text) {
    StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int l = 0; l < lines.length; l++) {
      if (l > 0) {
        out.append("\r\n");
      }
      String line = lines[l];
      int column = 0;
      for (int i = 0; i < line.length(); ) {
        int cp = line.codePointAt(i);
        i += Character.charCount(cp);
        boolean last = i == line.length();
        String token = quoted(cp, last);
        if (column + token.length() > (last ? BODY_LINE : BODY_LINE - 1)) {
          out.append("=\r\n");
          column = 0;
        }
        out.append(token);
        column += token.length();
      }
    }
    return out.toString();
  }

  private static String quoted(int cp, boolean endOfLine) {
    if (cp > 32 && cp < 127 && cp != '=' || (cp == ' ' || cp == '\t') && !endOfLine) {
      return Character.toString(cp);
    }
    StringBuilder out = new StringBuilder();
    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
      out.append('=').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
    return out.toString();
  }
}
