package se.bidrag.notification;

/** The HTML part of a plain-text letter. */
public final class Html {
  private Html() {}

  public static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** The text as paragraphs (blank lines) and line breaks, with {@code link} (if any) made clickable. */
  public static String letter(String text, String link) {
    String body = escape(text).replace("\n\n", "</p><p>").replace("\n", "<br>");
    if (link != null) {
      body = body.replace(escape(link), "<a href=\"" + escape(link) + "\">" + escape(link) + "</a>");
    }
    return "<html><body><p>" + body + "</p></body></html>";
  }
}
