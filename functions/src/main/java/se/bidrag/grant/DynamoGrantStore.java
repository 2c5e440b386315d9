package se.bidrag.grant;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import se.bidrag.platform.Items;
import se.bidrag.platform.Table;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Grant versions in the table. Version {@code n} of grant {@code g} is the item {@code GRANTDEF#g /
 * VERSION#<n, 10 digits>}, put only if absent (immutable), with the gzip'ed canonical bundle and its SHA-256;
 * a body over {@link #PART_BYTES} continues in items {@code VERSION#<n>#PART#<k>}. Beside it, in the same
 * transaction, the grant's row of the catalog {@code GRANTDEFS / GRANTDEF#g} names the latest version (put only
 * if it names an older one), so that listing the uploaded grants is one query and finding one is one read.
 */
public final class DynamoGrantStore implements GrantStore {
  /** Body bytes per item (an item may have 400 KB). */
  static final int PART_BYTES = 350 * 1024;
  /** A transaction carries 4 MB at most: the largest gzip'ed body. */
  static final int MAX_BODY_BYTES = 11 * PART_BYTES;
  static final String CATALOG_PK = "GRANTDEFS";

  private final DynamoDbClient db;
  private final String table;

  public DynamoGrantStore(DynamoDbClient db, String table) {
    this.db = db;
    this.table = table;
  }

  static String pk(String grantId) {
    return "GRANTDEF#" + grantId;
  }

  static String sk(int number) {
    return String.format("VERSION#%010d", number);
  }

  @Override
  public Optional<Version> latest(String grantId) {
    return Table.get(db, table, CATALOG_PK, "GRANTDEF#" + grantId).map(DynamoGrantStore::version);
  }

  @Override
  public List<Version> latest() {
    return Table.queryPrefix(db, table, CATALOG_PK, "GRANTDEF#").stream().map(DynamoGrantStore::version).toList();
  }

  @Override
  public List<Version> versions(String grantId) {
    return Table.queryPrefix(db, table, pk(grantId), "VERSION#").stream()
        .filter(i -> !Items.str(i, "SK").contains("#PART#")).map(DynamoGrantStore::version)
        .sorted(Comparator.comparingInt(Version::number)).toList();
  }

  @Override
  public Optional<GrantBundle> read(String grantId, int number) {
    List<Map<String, AttributeValue>> items = new ArrayList<>(Table.queryPrefix(db, table, pk(grantId), sk(number)));
    if (items.isEmpty()) {
      return Optional.empty();
    }
    items.sort(Comparator.comparing(i -> Items.str(i, "SK")));
    Map<String, AttributeValue> head = items.get(0);
    String what = "grant " + grantId + " version " + number;
    long parts = Items.num(head, "parts");
    if (items.size() != parts) {
      throw new CorruptVersionException(what + ": " + items.size() + " of its " + parts + " parts are stored");
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    items.forEach(i -> gz.writeBytes(i.get("body").b().asByteArrayUnsafe()));
    byte[] canonical;
    try {
      canonical = gunzip(gz.toByteArray());
    } catch (IOException e) {
      throw new CorruptVersionException(what + ": the stored body cannot be unpacked (" + e.getMessage() + ")");
    }
    String digest = GrantBundle.sha256(canonical);
    if (!digest.equals(Items.str(head, "sha256"))) {
      throw new CorruptVersionException(what + ": the stored body's SHA-256 is " + digest + ", not the recorded "
          + Items.str(head, "sha256") + "; it is not served");
    }
    try {
      return Optional.of(GrantBundle.fromCanonical(canonical));
    } catch (IllegalArgumentException e) {
      throw new CorruptVersionException(what + ": " + e.getMessage());
    }
  }

  @Override
  public boolean put(Version v, GrantBundle bundle) {
    byte[] body = gzip(bundle.canonical());
    if (body.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("grant " + v.grantId() + ": the bundle is " + body.length
          + " bytes gzip'ed, more than the " + MAX_BODY_BYTES + " one version may have");
    }
    int parts = Math.max(1, (body.length + PART_BYTES - 1) / PART_BYTES);
    List<TransactWriteItem> writes = new ArrayList<>();
    for (int k = 0; k < parts; k++) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("PK", Items.s(pk(v.grantId())));
      item.put("SK", Items.s(k == 0 ? sk(v.number()) : sk(v.number()) + String.format("#PART#%04d", k)));
      item.put("body", AttributeValue.fromB(SdkBytes.fromByteArray(
          Arrays.copyOfRange(body, k * PART_BYTES, Math.min(body.length, (k + 1) * PART_BYTES)))));
      if (k == 0) {
        item.putAll(attributes(v));
        item.put("parts", Items.n(parts));
        item.put("bytes", Items.n(body.length));
      }
      writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
          .conditionExpression("attribute_not_exists(PK)").build()).build());
    }
    Map<String, AttributeValue> row = new HashMap<>(attributes(v));
    row.put("PK", Items.s(CATALOG_PK));
    row.put("SK", Items.s("GRANTDEF#" + v.grantId()));
    writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(row)
        .conditionExpression("attribute_not_exists(PK) OR version < :v")
        .expressionAttributeValues(Map.of(":v", Items.n(v.number()))).build()).build());
    try {
      db.transactWriteItems(b -> b.transactItems(writes));
      return true;
    } catch (TransactionCanceledException e) {
      if (Table.reasonCodes(e).contains("ConditionalCheckFailed")) {
        return false;
      }
      throw e;
    }
  }

  private static Map<String, AttributeValue> attributes(Version v) {
    Map<String, AttributeValue> m = new HashMap<>();
    m.put("grantId", Items.s(v.grantId()));
    m.put("version", Items.n(v.number()));
    m.put("sha256", Items.s(v.sha256()));
    m.put("uploadedAt", Items.s(v.uploadedAt().toString()));
    m.put("uploadedBy", Items.s(v.uploadedBy()));
    m.put("title", Items.s(v.title()));
    return m;
  }

  private static Version version(Map<String, AttributeValue> i) {
    return new Version(Items.str(i, "grantId"), (int) Items.num(i, "version"), Items.str(i, "sha256"),
        Instant.parse(Items.str(i, "uploadedAt")), Items.str(i, "uploadedBy"), Items.str(i, "title"));
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
