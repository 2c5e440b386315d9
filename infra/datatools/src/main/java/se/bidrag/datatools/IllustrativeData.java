package se.bidrag.datatools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.bidrag.allocation.Apportionment;
import se.bidrag.allocation.BaseDataLoader;
import se.bidrag.allocation.DataFiles;
import se.bidrag.allocation.Municipality;

/**
 * Derives the two inputs whose official per-municipality lists were not available, reproducibly,
 * from real data. Both files are marked {@code illustrative} in datasets.json.
 *
 * <ul>
 *   <li>Rural class: Tillväxtverket's published 2021 counts hold (15 mycket glesa, 45 glesa, 70
 *       tätortsnära landsbygdskommuner, 160 non-rural). Municipalities whose class is known from
 *       Region Örebro län's 2025 decision are fixed; the rest are ranked by population density
 *       (population 2024-12-31 / land area 2015, exact rational comparison, ties by kommunkod)
 *       and filled sparsest first: mycket glesa, then glesa, then tätortsnära, the rest non-rural.
 *   <li>Care recipients: Socialstyrelsen's published national total (almost 414 000 individuals
 *       with municipal health care in 2023) spread by each municipality's population aged 80 and
 *       over, by the same largest-remainder apportionment the grant uses (so it sums exactly).
 * </ul>
 */
public final class IllustrativeData {
  public static final String RURAL_FILE = "landsbygdstyper_illustrative.csv";
  public static final String CARE_FILE = "kommunal_hsv_individer_illustrative.csv";

  static final long NATIONAL_CARE_RECIPIENTS_2023 = 414_000;
  static final int MYCKET_GLESA = 15;
  static final int GLESA = 45;
  static final int TATORTSNARA = 70;

  /** Known from Region Örebro län's 2025 decision (rural pot spread over these seven) and its other five. */
  static final Map<String, String> KNOWN = Map.ofEntries(
      Map.entry("1882", "tatortsnara-landsbygdskommun"), // Askersund
      Map.entry("1861", "tatortsnara-landsbygdskommun"), // Hallsberg
      Map.entry("1885", "tatortsnara-landsbygdskommun"), // Lindesberg
      Map.entry("1814", "tatortsnara-landsbygdskommun"), // Lekeberg
      Map.entry("1860", "tatortsnara-landsbygdskommun"), // Laxå
      Map.entry("1863", "glesa-landsbygdskommun"), // Hällefors
      Map.entry("1864", "glesa-landsbygdskommun"), // Ljusnarsberg
      Map.entry("1862", "ej-landsbygdskommun"), // Degerfors
      Map.entry("1883", "ej-landsbygdskommun"), // Karlskoga
      Map.entry("1881", "ej-landsbygdskommun"), // Kumla
      Map.entry("1884", "ej-landsbygdskommun"), // Nora
      Map.entry("1880", "ej-landsbygdskommun")); // Örebro

  private IllustrativeData() {}

  /** The two files' contents, keyed by file name. */
  public static Map<String, String> derive() {
    BaseDataLoader loader = new BaseDataLoader(DataFiles.bundled());
    List<Municipality> municipalities = loader.municipalities();
    Map<String, Long> population = loader.loadCounts("population", municipalities);
    Map<String, Long> aged80 = loader.loadCounts("population-80-plus", municipalities);
    Map<String, BigDecimal> area = loader.loadDecimals("land-area", municipalities);

    Map<String, String> files = new LinkedHashMap<>();
    files.put(RURAL_FILE, ruralClasses(municipalities, population, area));
    files.put(CARE_FILE, careRecipients(municipalities, aged80));
    return files;
  }

  static String ruralClasses(List<Municipality> municipalities, Map<String, Long> population,
      Map<String, BigDecimal> area) {
    Map<String, String> cls = new LinkedHashMap<>();
    int[] remaining = {MYCKET_GLESA, GLESA, TATORTSNARA};
    String[] names = {"mycket-glesa-landsbygdskommun", "glesa-landsbygdskommun", "tatortsnara-landsbygdskommun"};
    for (var e : KNOWN.entrySet()) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(e.getValue())) {
          remaining[i]--;
        }
      }
    }
    List<Municipality> open = new ArrayList<>(municipalities.stream().filter(m -> !KNOWN.containsKey(m.code())).toList());
    // density a < density b  <=>  pop_a * area_b < pop_b * area_a (exact)
    open.sort(((Comparator<Municipality>) (a, b) -> {
      BigDecimal left = BigDecimal.valueOf(population.get(a.code())).multiply(area.get(b.code()));
      BigDecimal right = BigDecimal.valueOf(population.get(b.code())).multiply(area.get(a.code()));
      return left.compareTo(right);
    }).thenComparing(Municipality::code));
    int k = 0;
    for (int i = 0; i < names.length; i++) {
      for (int j = 0; j < remaining[i]; j++) {
        cls.put(open.get(k++).code(), names[i]);
      }
    }
    StringBuilder sb = new StringBuilder("kommunkod,kommun,klass\n");
    for (Municipality m : municipalities) {
      String c = KNOWN.getOrDefault(m.code(), cls.getOrDefault(m.code(), "ej-landsbygdskommun"));
      sb.append(m.code()).append(',').append(m.name()).append(',').append(c).append('\n');
    }
    return sb.toString();
  }

  static String careRecipients(List<Municipality> municipalities, Map<String, Long> aged80) {
    List<Apportionment.Claim> claims = municipalities.stream()
        .map(m -> new Apportionment.Claim(m.code(), BigInteger.valueOf(aged80.get(m.code())))).toList();
    Apportionment.Result r = Apportionment.apportion(NATIONAL_CARE_RECIPIENTS_2023, claims);
    StringBuilder sb = new StringBuilder("kommunkod,kommun,individer\n");
    for (int i = 0; i < municipalities.size(); i++) {
      Municipality m = municipalities.get(i);
      sb.append(m.code()).append(',').append(m.name()).append(',').append(r.shares().get(i).amount()).append('\n');
    }
    return sb.toString();
  }

  public static void write(Path directory) {
    try {
      Files.createDirectories(directory);
      for (var e : derive().entrySet()) {
        Files.writeString(directory.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
