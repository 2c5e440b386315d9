package se.bidrag.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.Municipality;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;

/**
 * A synthetic grant over care units, for scale: {@code ./bidrag data synthetic --units N --seed S --out DIR}
 * writes a grant bundle, as an agency would prepare one for {@code ./bidrag grant upload DIR}: {@code grant.json}
 * (the definition {@value #GRANT_ID}, whose title starts "SYNTETISKT:") and {@value #UNITS_FILE} (N invented care
 * units in the real municipalities, in proportion to their population, each owned by its real region — a
 * vårdcentral — or its real municipality — home health care — with a number of listed patients). The same N and
 * seed always give the same bundle.
 *
 * <p>The bundle needs no {@code datasets.json} of its own: the deployment's manifest names {@value #UNITS_FILE}
 * as a candidate of the {@code care-units} dataset, and the bundle's file is read before the deployment's. The
 * definition's template is {@value #TEMPLATE} on the demo's classpath, deliberately not under {@code grants/}:
 * no function knows this grant until it is uploaded.
 */
public final class SyntheticGrant {
  public static final String GRANT_ID = "syntetiskt-vardenheter";
  public static final String UNITS_FILE = "vardenheter_syntetiska.csv";
  /** The definition written as the bundle's grant.json. */
  static final String TEMPLATE = "synthetic/grant.json";
  /** The grant's clock starts here: its requisition deadline (16 April 2026) is judged on this day or later. */
  public static final String YEAR_STARTS = "2026-02-02";

  private SyntheticGrant() {}

  /** The definition, as the bundle's {@code grant.json} holds it. */
  public static String definitionText() {
    try (InputStream in = SyntheticGrant.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static GrantDefinition definition() {
    return GrantCatalog.parse(GrantBundle.GRANT_FILE, definitionText());
  }

  /** The bundle: {@code grant.json} and the units. */
  public static GrantBundle bundle(int units, long seed) {
    return new GrantBundle(Map.of(
        GrantBundle.GRANT_FILE, definitionText().getBytes(StandardCharsets.UTF_8),
        UNITS_FILE, unitsCsv(units, seed).getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes the bundle into {@code dir} (created if need be); answers {@code dir}. Refuses a directory holding
   * other files, which would become part of the bundle.
   */
  public static Path write(Path dir, int units, long seed) {
    GrantBundle bundle = bundle(units, seed);
    try {
      Files.createDirectories(dir);
      try (Stream<Path> list = Files.list(dir)) {
        List<String> others = list.map(p -> p.getFileName().toString())
            .filter(n -> !n.startsWith(".") && !bundle.files().containsKey(n)).sorted().toList();
        if (!others.isEmpty()) {
          throw new IllegalArgumentException(dir + " holds other files, which would be part of the bundle: "
              + String.join(", ", others) + " (write the bundle into an empty directory)");
        }
      }
      for (var f : bundle.files().entrySet()) {
        Files.write(dir.resolve(f.getKey()), f.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The units: {@code enhet_id} 000001..N, each in a municipality drawn in proportion to its population; three
   * in five are the region's vårdcentraler (2 000–14 999 listed patients), the rest the municipality's home
   * health care units (50–1 499 patients).
   */
  public static String unitsCsv(int units, long seed) {
    if (units < 1 || units > 999_999) {
      throw new IllegalArgumentException("--units must be 1 to 999999, not " + units);
    }
    BaseDataLoader loader = new BaseDataLoader(DataFiles.bundled());
    List<Municipality> municipalities = loader.municipalities();
    Map<String, Long> population = loader.loadCounts("population", municipalities);
    Map<String, String> orgnr = orgnrs();
    long[] cumulative = new long[municipalities.size()];
    long sum = 0;
    for (int i = 0; i < cumulative.length; i++) {
      sum += population.get(municipalities.get(i).code());
      cumulative[i] = sum;
    }
    Random random = new Random(seed);
    Map<String, Integer> numberIn = new HashMap<>();
    StringBuilder out = new StringBuilder("enhet_id,namn,kommunkod,huvudman_orgnr,listade_patienter\n");
    for (int u = 1; u <= units; u++) {
      long pick = (long) (random.nextDouble() * sum);
      int i = java.util.Arrays.binarySearch(cumulative, pick + 1);
      Municipality m = municipalities.get(i >= 0 ? i : -i - 1);
      boolean region = random.nextInt(5) < 3;
      int n = numberIn.merge(m.code() + region, 1, Integer::sum);
      String name = (region ? "Vårdcentralen " : "Hemsjukvården ") + m.name() + " " + n;
      String owner = region ? orgnr.get("region-" + m.lanCode()) : orgnr.get("kommun-" + m.code());
      long listed = region ? 2_000 + random.nextInt(13_000) : 50 + random.nextInt(1_450);
      out.append(String.format("%06d,%s,%s,%s,%d%n", u, name, m.code(), owner, listed));
    }
    return out.toString();
  }

  /** {@code region-18} / {@code kommun-1880} → organisation number, from the bundled organisationsnummer.csv. */
  private static Map<String, String> orgnrs() {
    String text = new String(DataFiles.bundled().read("organisationsnummer.csv").orElseThrow().bytes(),
        StandardCharsets.UTF_8);
    Map<String, String> out = new HashMap<>();
    List<String> lines = new ArrayList<>(text.lines().toList());
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", 5);
      if (f.length >= 4) {
        out.put(f[0] + "-" + f[1], f[3]);
      }
    }
    return out;
  }
}
