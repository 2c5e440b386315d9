package se.bidrag.local;

import java.net.URI;
import java.util.List;

/** The mail an SES emulator received, oldest first, in one shape whichever emulator it came from. */
public interface Mailbox {

  /** One attachment. */
  record Attachment(String filename, String contentType, byte[] content) {}

  /** One message as sent. */
  record Mail(String messageId, String from, List<String> to, String subject, String text, String html,
      List<Attachment> attachments) {}

  List<Mail> all();

  void clear();

  /** A web page a person can open to see the mail. */
  URI page();
}
