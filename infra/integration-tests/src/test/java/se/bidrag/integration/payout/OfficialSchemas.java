package se.bidrag.integration.payout;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * The official ISO 20022 pain.001.001.03 schema (SWIFTStandards Workstation, 2009), kept in the test
 * resources with its source and licence ({@code iso20022/SOURCE.md}); checked against its pinned SHA-256
 * so that a changed copy fails instead of validating against something else.
 */
final class OfficialSchemas {
  static final String RESOURCE = "/iso20022/pain.001.001.03.xsd";
  static final String SCHEMA_SHA256 = "ae2bbba02a6be0119a26f4afcb65ced067453cb1b81d38b26bcc569f19eca93e";

  private OfficialSchemas() {}

  /** The schema, ready to validate with. */
  static Schema pain001() {
    byte[] xsd;
    try (InputStream in = OfficialSchemas.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the test resources");
      }
      xsd = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!sha256(xsd).equals(SCHEMA_SHA256)) {
      throw new IllegalStateException(RESOURCE + " does not have the pinned SHA-256 " + SCHEMA_SHA256);
    }
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return f.newSchema(new StreamSource(new java.io.ByteArrayInputStream(xsd), RESOURCE));
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
