package se.bidrag.requisition;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the organisation requisitions (the grant's "plan"): the amount, who carries out the work,
 * which of the grant's areas the money is for, whether it wants a share of unclaimed funds, a
 * contact, the registry mailbox that will receive the reporting form, and who signed.
 */
public record RequisitionForm(long amount, List<String> implementers, SortedSet<Integer> areas,
    boolean wantsRemainingFunds, Contact contact, String registryEmail, String signedBy) {

  public RequisitionForm {
    implementers = List.copyOf(implementers);
    areas = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(areas));
  }

  /** The person to contact about the requisition. */
  public record Contact(String name, String email) {}

  /** The same plan with another amount (0 when withdrawn). */
  public RequisitionForm withAmount(long newAmount) {
    return new RequisitionForm(newAmount, implementers, areas, wantsRemainingFunds, contact, registryEmail, signedBy);
  }
}
