package se.bidrag.datatools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped illustrative files are exactly what the derivation produces from the real data. */
class IllustrativeDataTest {

  static String bundled(String file) throws IOException {
    try (InputStream in = IllustrativeDataTest.class.getClassLoader().getResourceAsStream("data/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A bundled data file's lines after the header. */
  static java.util.List<String> bundledLines(String file) {
    try {
      return java.util.Arrays.stream(bundled(file).split("\n")).skip(1).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theShippedFilesAreReproducible() throws IOException {
    Map<String, String> derived = IllustrativeData.derive();
    assertEquals(bundled(IllustrativeData.RURAL_FILE), derived.get(IllustrativeData.RURAL_FILE));
    assertEquals(bundled(IllustrativeData.CARE_FILE), derived.get(IllustrativeData.CARE_FILE));
  }

  @Test
  void theRuralClassesKeepTheOfficialCountsAndTheKnownOrebroClasses() throws IOException {
    Map<String, String> cls = Arrays.stream(bundled(IllustrativeData.RURAL_FILE).split("\n")).skip(1)
        .map(l -> l.split(",")).collect(Collectors.toMap(r -> r[0], r -> r[2]));
    Map<String, Long> counts = cls.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(Map.of("tatortsnara-landsbygdskommun", 70L, "glesa-landsbygdskommun", 45L,
        "mycket-glesa-landsbygdskommun", 15L, "ej-landsbygdskommun", 160L), counts);
    IllustrativeData.KNOWN.forEach((code, c) -> assertEquals(c, cls.get(code), code));
  }

  @Test
  void theCareCountsSumToThePublishedNationalTotal() throws IOException {
    long sum = Arrays.stream(bundled(IllustrativeData.CARE_FILE).split("\n")).skip(1)
        .mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
    assertEquals(414_000L, sum);
  }
}
