package se.bidrag.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What each recipient does in the demo year, drawn from one seed so that every run (with or without
 * faults) plays the same year: most requisition the full amount, some part, some nothing, a few too
 * late; some amend; about two thirds ask for remaining funds; most report on time, some late, some
 * never; some report unspent money, and a few correct their report before the deadline.
 */
final class Mix {
  enum Requisition { FULL, PART, NONE, LATE }

  /** When the recipient reports: in one of the three batches before the deadline, late, or never. */
  enum Reporting { BATCH_1, BATCH_2, BATCH_3, LATE, NEVER }

  /**
   * One recipient's year.
   *
   * @param partPermille for PART, the share of the allocation requisitioned (per mille)
   * @param amendPermille when amended, the share of the allocation in the amendment (per mille); 0: not amended
   * @param unspentPermille the share of what it received that it reports unspent (per mille)
   * @param correctedUnspentPermille when it corrects its report (in batch 2), the new share; -1: no correction
   */
  record Plan(String recipientId, String orgnr, long allocation, Requisition requisition, int partPermille,
      int amendPermille, boolean wantsRemainingFunds, Reporting reporting, int unspentPermille,
      int correctedUnspentPermille) {

    long requested() {
      return requisition == Requisition.PART ? Math.max(1, allocation * partPermille / 1000) : allocation;
    }

    long amended() {
      return Math.max(1, allocation * amendPermille / 1000);
    }

    boolean amends() {
      return amendPermille > 0;
    }

    boolean corrects() {
      return correctedUnspentPermille >= 0;
    }
  }

  /** The recipient as the allocation lists it. */
  record Recipient(String recipientId, String orgnr, long allocation) {}

  private Mix() {}

  static List<Plan> draw(long seed, List<Recipient> recipients) {
    Random random = new Random(seed);
    List<Plan> plans = new ArrayList<>();
    for (Recipient r : recipients) {
      double roll = random.nextDouble();
      Requisition req = roll < 0.08 ? Requisition.NONE : roll < 0.12 ? Requisition.LATE
          : roll < 0.30 ? Requisition.PART : Requisition.FULL;
      int part = 500 + random.nextInt(450);
      boolean amend = req == Requisition.FULL || req == Requisition.PART ? random.nextDouble() < 0.10 : false;
      int amendPermille = amend ? (req == Requisition.FULL ? 700 + random.nextInt(250) : 1000) : 0;
      boolean wants = random.nextDouble() < 0.67;
      double rep = random.nextDouble();
      Reporting reporting = rep < 0.06 ? Reporting.NEVER : rep < 0.12 ? Reporting.LATE
          : rep < 0.45 ? Reporting.BATCH_1 : rep < 0.75 ? Reporting.BATCH_2 : Reporting.BATCH_3;
      int unspent = random.nextDouble() < 0.30 ? 5 + random.nextInt(115) : 0;
      int corrected = reporting == Reporting.BATCH_1 && random.nextDouble() < 0.15
          ? (unspent == 0 ? 10 + random.nextInt(40) : random.nextDouble() < 0.3 ? 0 : unspent + 1 + random.nextInt(30))
          : -1;
      plans.add(new Plan(r.recipientId(), r.orgnr(), r.allocation(), req, part, amendPermille, wants, reporting, unspent,
          corrected));
    }
    return plans;
  }
}
