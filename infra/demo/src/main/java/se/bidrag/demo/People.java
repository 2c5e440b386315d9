package se.bidrag.demo;

import java.util.ArrayList;
import java.util.List;
import se.bidrag.grant.Luhn;

/**
 * The people the demo plays and what they are called: the agency's handläggare and attestant, each
 * organisation's ombud, contact person and controller (personal names drawn from the organisation
 * number), and the bankgiro each ombud registers. None of these names, and no e-mail address, may
 * appear in the functions' log.
 */
final class People {
  static final String HANDLAGGARE = "Maria Lindqvist";
  static final String ATTESTANT = "Johan Ekström";
  private static final String[] FIRST = {"Anna", "Erik", "Maja", "Lars", "Karin", "Olof", "Elin", "Per", "Sara", "Nils",
      "Ingrid", "Gustav", "Linnea", "Henrik", "Astrid", "Viktor"};
  private static final String[] LAST = {"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
      "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Bergström", "Holmberg", "Sandberg",
      "Åkesson"};

  private People() {}

  private static String name(String key, int salt) {
    int h = Math.floorMod((key + "#" + salt).hashCode(), FIRST.length * LAST.length);
    return FIRST[h % FIRST.length] + " " + LAST[h / FIRST.length];
  }

  static String ombud(String orgnr) {
    return name(orgnr, 1);
  }

  static String contact(String recipientId) {
    return name(recipientId, 2);
  }

  static String controller(String recipientId) {
    return name(recipientId, 3);
  }

  /** Every personal name the demo gives the system for these organisations and recipients. */
  static List<String> all(List<Mix.Plan> plans) {
    List<String> out = new ArrayList<>(List.of(HANDLAGGARE, ATTESTANT));
    for (Mix.Plan p : plans) {
      out.add(ombud(p.orgnr()));
      out.add(contact(p.recipientId()));
      out.add(controller(p.recipientId()));
    }
    return out.stream().distinct().toList();
  }

  /** The organisation's bankgiro as its ombud registers it: 8 digits, the last the Luhn check digit. */
  static String bankgiro(String orgnr) {
    String body = "5" + orgnr.substring(3, 9);
    return body + Luhn.checkDigit(body);
  }
}
