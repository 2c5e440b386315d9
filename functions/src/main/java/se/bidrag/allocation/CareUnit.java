package se.bidrag.allocation;

/**
 * A care unit (vårdenhet) a grant may be shared over: located in a municipality, owned by an organisation
 * (a region or a municipality: its organisation number), whose ombud acts for the unit.
 */
public record CareUnit(String id, String name, String kommunkod, String lanCode, String ownerOrgnr) {}
