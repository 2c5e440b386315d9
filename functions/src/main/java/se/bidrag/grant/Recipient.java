package se.bidrag.grant;

/**
 * One recipient role of a grant: a region (code = län code), a municipality (code = kommunkod) or a care
 * unit (code = the unit's id; region = the region of the municipality it is located in; orgnr = its owner's).
 *
 * @param orgnr the organisation number the e-service's tokens carry; null when no organisation
 *     number file was loaded
 */
public record Recipient(
    String id, RecipientKind kind, String code, String name, String regionCode, String regionName, String orgnr) {

  public static Recipient region(String lanCode, String regionName, String orgnr) {
    return new Recipient(RecipientKind.REGION.recipientId(lanCode), RecipientKind.REGION, lanCode, regionName,
        lanCode, regionName, orgnr);
  }

  public static Recipient kommun(String kommunkod, String name, String lanCode, String regionName, String orgnr) {
    return new Recipient(RecipientKind.KOMMUN.recipientId(kommunkod), RecipientKind.KOMMUN, kommunkod, name,
        lanCode, regionName, orgnr);
  }

  /** A care unit: its owner's organisation number, and the region of the municipality it is located in. */
  public static Recipient enhet(String unitId, String name, String lanCode, String regionName, String ownerOrgnr) {
    return new Recipient(RecipientKind.ENHET.recipientId(unitId), RecipientKind.ENHET, unitId, name, lanCode,
        regionName, ownerOrgnr);
  }
}
