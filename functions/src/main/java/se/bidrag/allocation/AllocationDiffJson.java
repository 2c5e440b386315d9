package se.bidrag.allocation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import se.bidrag.json.Json;

/**
 * A diff as JSON: the same object for {@code ./bidrag grant diff --format json} and the agency's
 * {@code GET /grants/{grantId}/allocations:diff}.
 */
public final class AllocationDiffJson {
  private AllocationDiffJson() {}

  /**
   * The diff; {@code changedOnly} lists only the recipients whose amounts differ; {@code stage}, when given,
   * adds whether that stage would publish the current side.
   */
  public static ObjectNode diff(AllocationDiff d, boolean changedOnly, Stage stage) {
    ObjectNode root = Json.object();
    root.put("grant", d.grant().id());
    root.put("title", d.grant().title());
    root.set("previous", side(d.previous()));
    root.set("current", side(d.current()));
    if (stage != null) {
      List<String> illustrative = d.current().illustrative();
      ObjectNode p = root.putObject("publishing");
      p.put("stage", stage.code());
      boolean allowed = stage == Stage.TEST || illustrative.isEmpty();
      p.put("allowed", allowed);
      if (!allowed) {
        p.put("reason", "stage production publishes only official inputs; illustrative: " + String.join(", ", illustrative));
      }
    }
    ArrayNode inputs = root.putArray("inputs");
    for (AllocationDiff.InputChange c : d.inputs()) {
      ObjectNode o = inputs.addObject().put("dataset", c.dataset()).put("changed", c.changed());
      o.set("previous", input(c.previous()));
      o.set("current", input(c.current()));
    }
    ArrayNode pots = root.putArray("pots");
    for (AllocationDiff.PotLine p : d.pots()) {
      ObjectNode o = pots.addObject().put("id", p.potId()).put("recipientKind", p.kind().code());
      amounts(o, p.amounts());
    }
    root.put("recipientsChanged", d.changedRecipients().size());
    ArrayNode list = root.putArray("recipients");
    for (AllocationDiff.RecipientLine r : changedOnly ? d.changedRecipients() : d.recipients()) {
      ObjectNode o = list.addObject().put("recipientId", r.recipientId()).put("kind", r.kind().code())
          .put("name", r.name());
      ObjectNode byPot = o.putObject("pots");
      r.pots().forEach((pot, a) -> amounts(byPot.putObject(pot), a));
      amounts(o.putObject("total"), r.total());
    }
    return root;
  }

  private static ObjectNode side(AllocationDiff.Side s) {
    ObjectNode o = Json.object().put("label", s.label()).put("allocationHash", s.allocationHash());
    AllocationJson.label(o, s.illustrative());
    return o;
  }

  private static ObjectNode input(AllocationDiff.InputRef i) {
    if (i == null) {
      return null;
    }
    return Json.object().put("file", i.file()).put("status", i.status()).put("vintage", i.vintage())
        .put("sha256", i.sha256());
  }

  private static void amounts(ObjectNode o, AllocationDiff.Amounts a) {
    o.put("previous", a.previous()).put("current", a.current()).put("difference", a.difference());
  }
}
