package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A raw message read back by an independent parser, Apache James mime4j (strict configuration and
 * decoding), into what a reader's mail program shows; and the line rules the raw message must keep.
 */
record ReadBack(String subject, List<Person> from, List<Person> to, String text, String html,
    List<Attachment> attachments) {

  /** A mailbox as the parser decoded it. */
  record Person(String name, String address) {}

  /** An attachment as the parser decoded it: the Content-Disposition file name, the Content-Type name, the bytes. */
  record Attachment(String filename, String typeName, String mimeType, byte[] content) {}

  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

  static ReadBack parse(byte[] raw) {
    DefaultMessageBuilder builder = new DefaultMessageBuilder();
    builder.setMimeEntityConfig(MimeConfig.STRICT);
    builder.setDecodeMonitor(DecodeMonitor.STRICT);
    Message m;
    try {
      m = builder.parseMessage(new ByteArrayInputStream(raw));
    } catch (IOException e) {
      throw new AssertionError("mime4j could not parse the message", e);
    }
    List<Person> from = new ArrayList<>();
    m.getFrom().forEach(b -> from.add(new Person(b.getName(), b.getAddress())));
    List<Person> to = new ArrayList<>();
    for (Address a : m.getTo()) {
      Mailbox b = (Mailbox) a;
      to.add(new Person(b.getName(), b.getAddress()));
    }
    String[] bodies = new String[2];
    List<Attachment> attachments = new ArrayList<>();
    walk(m, bodies, attachments);
    return new ReadBack(m.getSubject(), from, to, bodies[0], bodies[1], attachments);
  }

  private static void walk(Entity e, String[] bodies, List<Attachment> attachments) {
    Body body = e.getBody();
    if (body instanceof Multipart mp) {
      mp.getBodyParts().forEach(p -> walk(p, bodies, attachments));
    } else if ("attachment".equals(e.getDispositionType())) {
      ContentTypeField type = (ContentTypeField) e.getHeader().getField("Content-Type");
      attachments.add(new Attachment(e.getFilename(), type.getParameter("name"), e.getMimeType(), bytes((SingleBody) body)));
    } else if (body instanceof TextBody t) {
      assertEquals("UTF-8", e.getCharset().toUpperCase(java.util.Locale.ROOT), "the charset of " + e.getMimeType());
      int slot = "text/html".equals(e.getMimeType()) ? 1 : 0;
      assertTrue(bodies[slot] == null, "one " + e.getMimeType() + " part");
      bodies[slot] = text(t);
    } else {
      fail("an unexpected part: " + e.getMimeType());
    }
  }

  private static String text(TextBody t) {
    try (Reader r = t.getReader()) {
      StringWriter w = new StringWriter();
      r.transferTo(w);
      return w.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(SingleBody b) {
    try (InputStream in = b.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The raw message's lines (split at CRLF), header and body, after checking there is no bare CR or LF. */
  static List<String> lines(byte[] raw) {
    String s = new String(raw, StandardCharsets.US_ASCII);
    assertTrue(s.replace("\r\n", "").chars().noneMatch(c -> c == '\r' || c == '\n'), "line breaks are CRLF only");
    return List.of(s.split("\r\n", -1));
  }

  /** The header lines (up to the first empty line) of the message, or of the part that starts at {@code from}. */
  static List<String> headerLines(List<String> lines, int from) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < lines.size() && !lines.get(i).isEmpty(); i++) {
      out.add(lines.get(i));
    }
    return out;
  }

  /**
   * The rules every message must keep: 7-bit ASCII with CRLF line breaks; no line over 998 octets;
   * body lines (quoted-printable, base64) at most 76 characters; every encoded word at most 75
   * characters, in UTF-8 and decodable on its own (so no character is split between two).
   */
  static void assertWellFormed(byte[] raw) {
    for (byte b : raw) {
      assertTrue(b > 0, "7-bit ASCII only, found byte " + (b & 0xff));
    }
    List<String> lines = lines(raw);
    boolean header = true;
    for (String line : lines) {
      assertTrue(line.length() <= MimeHeaders.MAX_LINE, "a line of " + line.length() + " octets: " + line);
      if (line.startsWith("--=_")) {
        header = true; // a boundary: the part's header follows
      } else if (line.isEmpty()) {
        header = false;
      } else if (!header) {
        assertTrue(line.length() <= Mime.BODY_LINE, "a body line of " + line.length() + " characters: " + line);
      }
      Matcher w = ENCODED_WORD.matcher(line);
      while (w.find()) {
        assertTrue(w.group().length() <= MimeHeaders.MAX_WORD, "an encoded word of " + w.group().length() + ": " + w.group());
        assertEquals("UTF-8", w.group(1).toUpperCase(java.util.Locale.ROOT));
        byte[] octets = "B".equalsIgnoreCase(w.group(2)) ? Base64.getDecoder().decode(w.group(3)) : qDecode(w.group(3));
        try {
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets));
        } catch (CharacterCodingException e) {
          fail("an encoded word that is not whole UTF-8 characters: " + w.group());
        }
      }
    }
  }

  private static byte[] qDecode(String q) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '=') {
        out.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c == '_' ? ' ' : c);
      }
    }
    return out.toByteArray();
  }
}
