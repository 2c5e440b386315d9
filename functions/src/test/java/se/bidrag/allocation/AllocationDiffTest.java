package se.bidrag.allocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinition;

/** The allocation with the previous inputs against the current ones, per recipient and pot, and which inputs are illustrative. */
class AllocationDiffTest {
  static final GrantDefinition GRANT = GrantCatalog.bundled().require("god-och-nara-vard-2025");

  @TempDir
  Path dir;

  static Allocation allocate(DataFiles files) {
    return new AllocationEngine().allocate(GRANT, new BaseDataLoader(files).load(GRANT));
  }

  @Test
  void theSameInputsDifferNowhere() {
    Allocation a = allocate(DataFiles.bundled());
    AllocationDiff d = AllocationDiff.between(GRANT, AllocationDiff.Side.of("a", a), AllocationDiff.Side.of("b", a));
    assertEquals(311, d.recipients().size());
    assertEquals(List.of(), d.changedRecipients());
    d.inputs().forEach(i -> assertFalse(i.changed(), i.dataset()));
    d.pots().forEach(p -> assertEquals(0, p.amounts().difference(), p.potId()));
  }

  /**
   * Askersund (1882, weight 1 in the bundled classes) becomes "glesa" (weight 5) in an official drop-in: the
   * rural pots move money towards Askersund and Region Örebro län and away from everyone else in them, the
   * pots' totals stay, the population pots do not move, and the rural input is named changed and official.
   */
  @Test
  void aChangedClassMovesOnlyTheRuralPotsAndTheDiffSaysWhichInputChanged() throws IOException {
    String rural = BaseDataLoaderTest.bundled("landsbygdstyper_illustrative.csv")
        .replace("1882,Askersund,tatortsnara-landsbygdskommun", "1882,Askersund,glesa-landsbygdskommun");
    Files.writeString(dir.resolve("landsbygdstyper_official.csv"), rural, StandardCharsets.UTF_8);
    AllocationDiff d = AllocationDiff.between(GRANT, AllocationDiff.Side.of("bundled", allocate(DataFiles.bundled())),
        AllocationDiff.Side.of("official", allocate(DataFiles.withOverride(dir))));

    Map<String, AllocationDiff.InputChange> inputs = d.inputs().stream()
        .collect(Collectors.toMap(AllocationDiff.InputChange::dataset, i -> i));
    assertTrue(inputs.get("rural-class").changed());
    assertEquals("illustrative", inputs.get("rural-class").previous().status());
    assertEquals("official", inputs.get("rural-class").current().status());
    assertEquals("landsbygdstyper_official.csv", inputs.get("rural-class").current().file());
    assertFalse(inputs.get("population").changed());
    assertEquals(List.of("care-recipients", "rural-class"), d.previous().illustrative());
    assertEquals(List.of("care-recipients"), d.current().illustrative());

    var askersund = line(d, "kommun-1882");
    assertTrue(askersund.pots().get("kommun-rural").difference() > 0);
    assertEquals(0, askersund.pots().get("kommun-care-and-population").difference());
    assertTrue(line(d, "region-18").pots().get("region-rural").difference() > 0);
    assertTrue(line(d, "kommun-2584").pots().get("kommun-rural").difference() < 0, "Kiruna gives some away");
    assertEquals(0, line(d, "kommun-0180").total().difference(), "Stockholm has no rural money either way");
    for (AllocationDiff.PotLine p : d.pots()) {
      assertEquals(0, p.amounts().difference(), p.potId() + " is always allocated in full");
      long moved = d.recipients().stream().filter(r -> r.pots().containsKey(p.potId()))
          .mapToLong(r -> r.pots().get(p.potId()).difference()).sum();
      assertEquals(0, moved, p.potId());
    }
    for (AllocationDiff.RecipientLine r : d.changedRecipients()) {
      r.pots().forEach((pot, a) -> assertTrue(pot.endsWith("-rural") || a.difference() == 0, r.recipientId() + " " + pot));
    }

    JsonNode json = AllocationDiffJson.diff(d, true, Stage.PRODUCTION);
    assertEquals(d.changedRecipients().size(), json.path("recipients").size());
    assertEquals(d.changedRecipients().size(), json.path("recipientsChanged").asInt());
    assertFalse(json.path("publishing").path("allowed").asBoolean(), "care-recipients is still illustrative");
    assertTrue(json.path("publishing").path("reason").asText().contains("care-recipients"));
    assertTrue(json.path("previous").path("illustrative").asBoolean());
    assertEquals("[\"care-recipients\"]", json.path("current").path("illustrativeInputs").toString());
  }

  private static AllocationDiff.RecipientLine line(AllocationDiff d, String id) {
    return d.recipients().stream().filter(r -> r.recipientId().equals(id)).findFirst().orElseThrow();
  }
}
