package se.bidrag.local;

import java.util.List;
import java.util.Map;

/**
 * The local provider's sign-in page, in Swedish: pick a test person (radio buttons) and, if wanted,
 * other agency roles (checkboxes), then "Logga in" or "Avbryt". The form posts back the authorization
 * request's parameters as hidden fields. No script, no inline style; the site's stylesheet.
 */
final class LocalSignInPage {
  private LocalSignInPage() {}

  private static final List<String> CARRIED = List.of("client_id", "redirect_uri", "state", "nonce", "code_challenge",
      "code_challenge_method", "scope", "response_type");

  static String html(String action, String siteOrigin, Map<String, List<String>> q, String error) {
    StringBuilder hidden = new StringBuilder();
    for (String k : CARRIED) {
      List<String> v = q.get(k);
      hidden.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"")
          .append(escape(v == null || v.isEmpty() ? "" : v.get(0))).append("\">\n");
    }
    StringBuilder persons = new StringBuilder();
    boolean first = true;
    for (LocalOidc.Person p : LocalOidc.PERSONS) {
      String roles = p.roles().isEmpty() ? "ingen roll" : String.join(" och ", p.roles().stream().map(LocalSignInPage::label)
          .map(s -> s.toLowerCase(java.util.Locale.ROOT)).toList());
      persons.append("<div class=\"radio\"><input class=\"radio-input\" type=\"radio\" id=\"person-").append(p.sub())
          .append("\" name=\"person\" value=\"").append(p.sub()).append('"').append(first ? " checked" : "")
          .append("><label class=\"radio-label\" for=\"person-").append(p.sub()).append("\">").append(escape(p.name()))
          .append(" <span class=\"hint-inline\">(").append(roles).append(")</span></label></div>\n");
      first = false;
    }
    StringBuilder roles = new StringBuilder();
    for (String r : LocalOidc.ROLES) {
      roles.append("<div class=\"radio\"><input class=\"radio-input\" type=\"checkbox\" id=\"roll-").append(r)
          .append("\" name=\"roles\" value=\"").append(r).append("\"><label class=\"radio-label\" for=\"roll-").append(r)
          .append("\">").append(label(r)).append("</label></div>\n");
    }
    String problem = error == null ? "" : "<div class=\"error-summary\" role=\"alert\"><h2 class=\"error-summary-title\">"
        + "Det finns ett problem</h2><p>" + escape(error) + "</p></div>\n";
    return """
        <!doctype html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Logga in – lokal testinloggning för Bidrag</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="%s">
        </head>
        <body>
        <a class="skip-link" href="#innehall">Till huvudinnehållet</a>
        <header class="header"><div class="wrap"><span class="header-agency">Socialstyrelsen</span><span class="header-service">Lokal testinloggning (inte på riktigt)</span></div></header>
        <div class="wrap main">
        <main id="innehall" class="column" tabindex="-1">
        <h1 class="heading-l">Logga in i Bidrag</h1>
        <div class="warning"><p>Det här är en testinloggning med påhittade personer på din egen dator. Välj vem du vill vara och vilka roller personen ska ha. Inloggningen kommer inte ihåg dig: två fönster kan vara två personer. I produktion loggar du in hos Socialstyrelsens inloggningstjänst.</p></div>
        %s<form method="post" action="%s">
        %s<fieldset class="fieldset field"><legend class="legend legend-m">Vem är du?</legend>
        %s</fieldset>
        <fieldset class="fieldset field"><legend class="legend legend-m">Roller hos Socialstyrelsen</legend>
        <p class="hint">Kryssa inte i något för att få personens vanliga roller.</p>
        %s</fieldset>
        <button class="button" type="submit" name="action" value="login">Logga in</button>
        <button class="button button-secondary" type="submit" name="action" value="cancel">Avbryt</button>
        </form>
        </main>
        </div>
        <footer class="footer"><div class="wrap"><ul class="footer-links"><li><a href="%s/tillganglighet/">Tillgänglighetsredogörelse</a></li></ul><p>Lokal testinloggning i Bidrag.</p></div></footer>
        </body>
        </html>
        """.formatted(escape(action.replaceAll("/authorize$", "/bidrag.css")), problem, escape(action), hidden, persons,
        roles, escape(siteOrigin));
  }

  private static String label(String role) {
    return role.equals("handlaggare") ? "Handläggare" : role.equals("attestant") ? "Attestant" : role;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
