package se.bidrag.payout;

import java.util.List;
import java.util.Map;
import se.bidrag.grant.GrantDefinition;

/** Tells the organisations a run left out that a payment waits for an approved payout account. */
public interface AccountReminders {

  /**
   * One reminder per organisation and grant (a later run that leaves it out again sends none):
   * to its ombud's e-mail address, else to the registry mailbox its requisition names.
   *
   * @param registry the registry mailbox per orgnr, from the requisitions
   */
  void remind(GrantDefinition grant, List<PayoutBatch.Skipped> skipped, Map<String, String> registry);
}
