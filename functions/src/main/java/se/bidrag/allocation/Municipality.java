package se.bidrag.allocation;

/** A municipality (kommun) and the county (län) / region it belongs to. */
public record Municipality(String code, String name, String lanCode, String lan, String regionName) {}
