package se.bidrag.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;
import org.tukaani.xz.XZInputStream;

/**
 * The official ISO 20022 pain.001.001.03 schema (SWIFTStandards Workstation, 2009), for tests. It is
 * not copied into this repository: it is read, at test time, out of Debian's package
 * tryton-modules-account-payment-sepa 6.0.4-2 (bookworm), which ships it; both the package and the
 * schema are checked against pinned SHA-256 digests, and the schema is cached under infra/target.
 */
final class OfficialSchemas {
  static final URI PACKAGE = URI.create("http://deb.debian.org/debian/pool/main/t/tryton-modules-account-payment-sepa/"
      + "tryton-modules-account-payment-sepa_6.0.4-2_all.deb");
  static final String PACKAGE_SHA256 = "78b331ac79c64e55ddb4617e7eb4866662298324b60210cb31a102afd24c2190";
  static final String SCHEMA_ENTRY = "./usr/lib/python3/dist-packages/trytond/modules/account_payment_sepa/tests/"
      + "pain.001.001.03.xsd";
  static final String SCHEMA_SHA256 = "ae2bbba02a6be0119a26f4afcb65ced067453cb1b81d38b26bcc569f19eca93e";

  private OfficialSchemas() {}

  /** The schema file; the test is skipped, saying why, if it cannot be had. */
  static synchronized Path pain001() {
    Path cached = ProjectPaths.root().resolve("infra/target/schemas/pain.001.001.03.xsd");
    try {
      if (Files.isRegularFile(cached) && sha256(Files.readAllBytes(cached)).equals(SCHEMA_SHA256)) {
        return cached;
      }
      byte[] deb;
      try {
        HttpResponse<byte[]> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
            .send(HttpRequest.newBuilder(PACKAGE).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        deb = r.statusCode() == 200 ? r.body() : null;
      } catch (IOException e) {
        deb = null;
      }
      Assumptions.assumeTrue(deb != null, "the official pain.001.001.03 XSD could not be downloaded from " + PACKAGE
          + "; schema validation skipped");
      if (!sha256(deb).equals(PACKAGE_SHA256)) {
        throw new IllegalStateException(PACKAGE + " does not have the pinned SHA-256; refusing to use it");
      }
      byte[] xsd = extract(deb, SCHEMA_ENTRY);
      if (!sha256(xsd).equals(SCHEMA_SHA256)) {
        throw new IllegalStateException("the schema in " + PACKAGE + " does not have the pinned SHA-256");
      }
      Files.createDirectories(cached.getParent());
      Files.write(cached, xsd);
      return cached;
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One file out of a .deb: an ar archive whose data.tar.xz member is an xz-compressed tar. */
  static byte[] extract(byte[] deb, String entry) throws IOException {
    if (!new String(deb, 0, 8, StandardCharsets.US_ASCII).equals("!<arch>\n")) {
      throw new IOException("not an ar archive");
    }
    int pos = 8;
    while (pos + 60 <= deb.length) {
      String name = new String(deb, pos, 16, StandardCharsets.US_ASCII).trim();
      int size = Integer.parseInt(new String(deb, pos + 48, 10, StandardCharsets.US_ASCII).trim());
      int data = pos + 60;
      if (name.startsWith("data.tar.xz")) {
        try (InputStream tar = new XZInputStream(new ByteArrayInputStream(deb, data, size))) {
          return fromTar(tar.readAllBytes(), entry);
        }
      }
      pos = data + size + (size % 2);
    }
    throw new IOException("no data.tar.xz in the package");
  }

  private static byte[] fromTar(byte[] tar, String entry) throws IOException {
    int pos = 0;
    while (pos + 512 <= tar.length) {
      String name = cString(tar, pos, 100);
      if (name.isEmpty()) {
        break;
      }
      String prefix = cString(tar, pos + 345, 155);
      String full = prefix.isEmpty() ? name : prefix + "/" + name;
      long size = Long.parseLong(cString(tar, pos + 124, 12).trim(), 8);
      if (full.equals(entry) || ("./" + full).equals(entry)) {
        return Arrays.copyOfRange(tar, pos + 512, pos + 512 + (int) size);
      }
      pos += 512 + (int) ((size + 511) / 512 * 512);
    }
    throw new IOException(entry + " is not in the package");
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
