package se.bidrag.notification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encoding rules of {@link Mime} and {@link MimeHeaders}, on text made to stress them, read back by mime4j. */
class MimeTest {
  /** Characters of 1 to 4 UTF-8 bytes, spaces, controls and what looks like encoding. */
  private static final String[] PIECES = {"a", "Ö", "å", "ä", " ", " ", "–", "€", "\u00a0", "😀", "𝄞", "漢", "=?", "?=",
      "=", "_", "\t", "\"", "\\", ",", ";", "<", ">", "x", "kommun", "Återrapportering", "e\u0301"};

  private static String randomText(Random random, int maxPieces) {
    StringBuilder s = new StringBuilder();
    int n = 1 + random.nextInt(maxPieces);
    for (int i = 0; i < n; i++) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  private static EmailJob job(String to, String subject, String text, String html, List<EmailJob.Attachment> files) {
    return new EmailJob("j", to, subject, text, html, files, Map.of());
  }

  private static ReadBack roundTrip(String from, EmailJob job) {
    byte[] raw = Mime.message(from, job);
    ReadBack.assertWellFormed(raw);
    return ReadBack.parse(raw);
  }

  /** The Subject field's lines: the first and those that continue it. */
  private static List<String> subjectLines(byte[] raw) {
    List<String> header = ReadBack.headerLines(ReadBack.lines(raw), 0);
    int first = 0;
    while (!header.get(first).startsWith("Subject:")) {
      first++;
    }
    int last = first + 1;
    while (last < header.size() && header.get(last).startsWith(" ")) {
      last++;
    }
    return header.subList(first, last);
  }

  @Test
  void anySubjectReadsBackExactlyInWordsOfWholeCharacters() {
    Random random = new Random(20260202);
    for (int i = 0; i < 400; i++) {
      String subject = randomText(random, 60);
      byte[] raw = Mime.message("a@x.se", job("b@x.se", subject, "t", null, List.of()));
      ReadBack.assertWellFormed(raw);
      assertEquals(subject, ReadBack.parse(raw).subject(), "subject " + i);
      for (String line : subjectLines(raw)) {
        assertTrue(line.length() <= MimeHeaders.LINE, "a subject line of " + line.length() + ": " + line);
      }
    }
  }

  @Test
  void aLongAsciiSubjectIsFoldedAtSpacesNotEncoded() {
    String subject = "Invoice 2026000001 for the grant for the development of good and close care 2025, region 18";
    byte[] raw = Mime.message("a@x.se", job("b@x.se", subject, "t", null, List.of()));
    List<String> lines = subjectLines(raw);
    assertTrue(lines.size() > 1, "folded: " + lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains("=?")), "not encoded: " + lines);
    assertEquals(subject, ReadBack.parse(raw).subject());
  }

  @Test
  void aSwedishSubjectIsCutBetweenCharactersIntoWordsOfAtMost75() {
    String subject = "Påminnelse: återrapportering av Statsbidrag för utveckling av en god och nära vård 2025 – "
        + "åäö".repeat(30);
    byte[] raw = Mime.message("a@x.se", job("b@x.se", subject, "t", null, List.of()));
    List<String> lines = subjectLines(raw);
    assertTrue(lines.size() >= 4, "several encoded words: " + lines);
    ReadBack.assertWellFormed(raw);
    assertEquals(subject, ReadBack.parse(raw).subject());
  }

  @Test
  void displayNamesReadBackAsWritten() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      String name = randomText(random, 30).strip();
      if (name.isEmpty() || name.contains("\t")) {
        continue; // a display name is one line of text with single spaces: tabs and blanks are not kept
      }
      String quoted = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      ReadBack mail = roundTrip(quoted + " <avs@x.se>", job(quoted + " <mott@x.se>", "s", "t", null, List.of()));
      assertEquals(name, mail.from().get(0).name(), "name " + i);
      assertEquals("avs@x.se", mail.from().get(0).address());
      assertEquals(name, mail.to().get(0).name());
      assertEquals("mott@x.se", mail.to().get(0).address());
    }
  }

  @Test
  void bodiesReadBackInCanonicalFormWithinLinesOf76() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      String text = randomText(random, 120) + (random.nextBoolean() ? "\n" : "") + randomText(random, 40) + " ";
      String html = "<p>" + randomText(random, 80) + "</p>\n";
      ReadBack mail = roundTrip("a@x.se", job("b@x.se", "s", text, html, List.of()));
      assertEquals(text.replace("\n", "\r\n"), mail.text(), "text " + i);
      assertEquals(html.replace("\n", "\r\n"), mail.html(), "html " + i);
    }
  }

  @Test
  void quotedPrintableEncodesWhatMustBeEncoded() {
    assertEquals("a=3Db =C3=B6=20\r\nslut=09\r\n", Mime.quotedPrintable("a=b ö \nslut\t\n"));
    String line = "x".repeat(75) + "ö";
    assertEquals("x".repeat(75) + "=\r\n=C3=B6", Mime.quotedPrintable(line), "a character is not cut by a soft break");
  }

  @Test
  void attachmentNamesAndBytesReadBack() {
    Random random = new Random(3);
    for (int i = 0; i < 100; i++) {
      String name = randomText(random, 40).replace("\t", " ") + ".pdf";
      byte[] content = new byte[random.nextInt(3000)];
      random.nextBytes(content);
      ReadBack mail = roundTrip("a@x.se", job("b@x.se", "s", "t", "<p>h</p>", List.of(
          new EmailJob.Attachment(name, "application/pdf", content),
          new EmailJob.Attachment("bilaga-" + i + ".txt", "text/plain", "å".getBytes(StandardCharsets.UTF_8)))));
      assertEquals(2, mail.attachments().size());
      assertEquals(name, mail.attachments().get(0).filename(), "name " + i);
      assertArrayEquals(content, mail.attachments().get(0).content());
      assertEquals("bilaga-" + i + ".txt", mail.attachments().get(1).filename());
      assertEquals("text/plain", mail.attachments().get(1).mimeType());
    }
  }

  @Test
  void theAsciiFallbackKeepsLettersWithoutAccents() {
    assertEquals("Faktura Orebro lan _ aterbetalning.pdf", MimeHeaders.asciiFallback("Faktura Örebro län – återbetalning.pdf"));
    assertEquals("a_b_c.pdf", MimeHeaders.asciiFallback("a\"b\\c.pdf"));
  }

  @Test
  void addressesAreAsciiAsSesTakesThem() {
    assertEquals(new MimeHeaders.Mailbox("Höörs kommun", "registrator@xn--hr-fkaa.se"),
        MimeHeaders.Mailbox.parse("Höörs kommun <registrator@höör.se>"));
    assertEquals("registrator@xn--hr-fkaa.se", Mime.envelopeTo("registrator@höör.se"));
    assertThrows(IllegalArgumentException.class, () -> MimeHeaders.Mailbox.parse("räksmörgås@example.se"));
    assertThrows(IllegalArgumentException.class, () -> MimeHeaders.Mailbox.parse("no address"));
    assertEquals("statsbidrag@x.se", Mime.envelopeFrom("statsbidrag@x.se"));
    assertEquals("Socialstyrelsen <statsbidrag@x.se>", Mime.envelopeFrom("Socialstyrelsen <statsbidrag@x.se>"));
    assertEquals("=?UTF-8?B?U29jaWFsc3R5cmVsc2VuIMOWcmVicm8=?= <statsbidrag@x.se>",
        Mime.envelopeFrom("Socialstyrelsen Örebro <statsbidrag@x.se>"));
  }

  @Test
  void headerInjectionIsImpossible() {
    ReadBack mail = roundTrip("a@x.se", job("b@x.se", "Hej\r\nBcc: c@x.se", "t", null, List.of()));
    assertEquals("Hej\r\nBcc: c@x.se", mail.subject(), "the line break stays inside the encoded subject");
    byte[] raw = Mime.message("a@x.se", job("b@x.se", "Hej\r\nBcc: c@x.se", "t", null, List.of()));
    assertTrue(ReadBack.lines(raw).stream().noneMatch(l -> l.startsWith("Bcc:")));
  }
}
