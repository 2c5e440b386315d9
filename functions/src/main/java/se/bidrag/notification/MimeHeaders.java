package se.bidrag.notification;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header fields in 7-bit ASCII (RFC 5322): folded at whitespace into lines of at most 78 characters
 * where the tokens allow (never over 998), non-ASCII text as RFC 2047 encoded words of at most 75
 * characters (each holding whole UTF-8 characters), and parameters with non-ASCII values (file names)
 * RFC 2231-encoded beside an ASCII fallback.
 */
final class MimeHeaders {
  static final int LINE = 78;
  static final int MAX_LINE = 998;
  static final int MAX_WORD = 75;
  private static final String WORD_START = "=?UTF-8?B?";
  private static final String WORD_END = "?=";
  /** An encoded word is not started in less room than this: the line is folded first. */
  private static final int MIN_WORD = WORD_START.length() + WORD_END.length() + 8;
  /** The longest run of percent-encoded value in one RFC 2231 section (fits a 78-character line). */
  private static final int MAX_SECTION = 56;
  private static final Pattern ATEXT_WORDS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+( [A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern ANGLE = Pattern.compile("(?s)^(.*)<([^<>]*)>\\s*$");
  private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");
  private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*");
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`{|}~-]+");

  private MimeHeaders() {}

  /** One header field as it is written: tokens separated by one space, where the line may be folded. */
  static final class Field {
    private final StringBuilder out = new StringBuilder();
    private final int nameLength;
    private int column;

    Field(String name) {
      out.append(name).append(':');
      nameLength = name.length() + 1;
      column = nameLength;
    }

    /** Adds a token after a space, on a new line (CRLF + space) when this one would pass 78 characters. */
    Field token(String token) {
      if (column > nameLength && column + 1 + token.length() > LINE) {
        out.append("\r\n");
        column = 0;
      }
      if (column + 1 + token.length() > MAX_LINE) {
        throw new IllegalArgumentException("a header token of " + token.length() + " characters does not fit a line");
      }
      out.append(' ').append(token);
      column += 1 + token.length();
      return this;
    }

    /** Room for one more token after a space on this line, within 78 characters. */
    private int room() {
      return LINE - column - 1;
    }

    /**
     * Adds unstructured text (a subject, a display name's words): as it is when it is printable
     * ASCII that folds at its single spaces, otherwise as encoded words that decoders join again.
     */
    Field text(String text) {
      if (plain(text)) {
        for (String word : text.split(" ")) {
          token(word);
        }
        return this;
      }
      return encoded(text);
    }

    /** Adds the text as encoded words, each as long as the line allows (at most 75 characters). */
    private Field encoded(String text) {
      int at = 0;
      while (at < text.length()) {
        if (room() < MIN_WORD) {
          out.append("\r\n");
          column = 0;
        }
        int end = wordEnd(text, at, Math.min(MAX_WORD, room()));
        token(encodedWord(text.substring(at, end)));
        at = end;
      }
      return this;
    }

    /** A mailbox: the display name (as words, a quoted string or encoded words) and the address in angle brackets. */
    Field mailbox(Mailbox m) {
      if (m.name().isEmpty()) {
        return token(m.address());
      }
      String name = m.name();
      if (ATEXT_WORDS.matcher(name).matches() && plain(name)) {
        text(name);
      } else if (printableAscii(name) && !name.contains("=?") && name.length() < MAX_LINE / 2) {
        token('"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
      } else {
        encoded(name);
      }
      return token("<" + m.address() + ">");
    }

    /**
     * The last parameter of the field ({@code name="value"}, RFC 2045) whose value is any Unicode
     * text: the ASCII fallback in quotes, and when the value is not ASCII-safe and {@code extended},
     * also {@code name*} in RFC 2231's UTF-8 percent encoding (in numbered sections when long), which
     * decoders prefer.
     */
    Field parameter(String name, String value, boolean extended) {
      String fallback = asciiFallback(value);
      boolean encoded = extended && !fallback.equals(value);
      token(name + "=\"" + fallback + "\"" + (encoded ? ";" : ""));
      if (encoded) {
        List<String> sections = percentSections(value);
        if (sections.size() == 1) {
          token(name + "*=utf-8''" + sections.get(0));
        } else {
          for (int i = 0; i < sections.size(); i++) {
            boolean end = i == sections.size() - 1;
            token(name + "*" + i + "*=" + (i == 0 ? "utf-8''" : "") + sections.get(i) + (end ? "" : ";"));
          }
        }
      }
      return this;
    }

    /** The field with its closing CRLF. */
    String write() {
      return out + "\r\n";
    }

    /** The field's value unfolded (for the SES envelope). */
    String value() {
      return out.substring(nameLength).replace("\r\n", "").trim();
    }
  }

  /** A name and an address, from {@code addr} or {@code Display Name <addr>} (the name possibly quoted). */
  record Mailbox(String name, String address) {
    static Mailbox parse(String text) {
      Matcher m = ANGLE.matcher(text.strip());
      String name = "";
      String address = text.strip();
      if (m.matches()) {
        name = m.group(1).strip();
        address = m.group(2).strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
          name = name.substring(1, name.length() - 1).replaceAll("\\\\(.)", "$1");
        }
      }
      return new Mailbox(name.replaceAll("[\\r\\n\\t]+", " ").strip(), asciiAddress(address));
    }
  }

  /** The address as SES and RFC 5321 take it: ASCII local part, the domain in IDNA (punycode) form. */
  static String asciiAddress(String address) {
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1) {
      throw new IllegalArgumentException("not an e-mail address: " + address);
    }
    String local = address.substring(0, at);
    String domain;
    try {
      domain = IDN.toASCII(address.substring(at + 1), IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an e-mail domain: " + address, e);
    }
    if (!LOCAL_PART.matcher(local).matches() || !DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("not an ASCII e-mail address (SES takes no other): " + address);
    }
    return local + "@" + domain;
  }

  /** A MIME type such as {@code application/pdf}; anything else becomes application/octet-stream. */
  static String mimeType(String type) {
    String[] parts = type == null ? new String[0] : type.strip().split("/", -1);
    return parts.length == 2 && TOKEN.matcher(parts[0]).matches() && TOKEN.matcher(parts[1]).matches()
        ? type.strip() : "application/octet-stream";
  }

  /** One encoded word: {@code =?UTF-8?B?...?=}. */
  static String encodedWord(String text) {
    return WORD_START + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + WORD_END;
  }

  /** Where the encoded word that starts at {@code from} ends: as many whole code points as fit {@code maxLength}. */
  private static int wordEnd(String text, int from, int maxLength) {
    int maxBytes = (maxLength - WORD_START.length() - WORD_END.length()) / 4 * 3;
    int bytes = 0;
    int i = from;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > maxBytes) {
        break;
      }
      bytes += n;
      i += Character.charCount(cp);
    }
    return i;
  }

  /** Printable ASCII that folds at single spaces and cannot be mistaken for encoded words. */
  static boolean plain(String text) {
    if (text.isEmpty() || !printableAscii(text) || text.contains("=?") || text.startsWith(" ") || text.endsWith(" ")
        || text.contains("  ")) {
      return false;
    }
    for (String word : text.split(" ")) {
      if (word.length() > MAX_LINE - 40) {
        return false;
      }
    }
    return true;
  }

  private static boolean printableAscii(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  /** The value in printable ASCII without quotes or backslashes: accents dropped (ö → o), others as _. */
  static String asciiFallback(String value) {
    String stripped = Normalizer.normalize(value, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    StringBuilder out = new StringBuilder();
    stripped.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? (char) c : '_'));
    return out.toString();
  }

  /** RFC 2231 percent encoding of the UTF-8 bytes, cut into sections between whole characters. */
  private static List<String> percentSections(String value) {
    List<String> sections = new ArrayList<>();
    StringBuilder section = new StringBuilder();
    value.codePoints().forEach(cp -> {
      String encoded = percent(cp);
      if (section.length() + encoded.length() > MAX_SECTION) {
        sections.add(section.toString());
        section.setLength(0);
      }
      section.append(encoded);
    });
    sections.add(section.toString());
    return sections;
  }

  private static String percent(int cp) {
    if (cp < 0x7f && (Character.isLetterOrDigit(cp) || "!#$&+-.^_`{|}~".indexOf(cp) >= 0)) {
      return Character.toString(cp);
    }
    StringBuilder out = new StringBuilder();
    for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
      out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
          .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
    }
    return out.toString();
  }
}
