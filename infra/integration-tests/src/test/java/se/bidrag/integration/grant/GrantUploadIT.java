package se.bidrag.integration.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import se.bidrag.allocation.BundleDataCheck;
import se.bidrag.grant.DynamoGrantStore;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantStore;
import se.bidrag.grant.GrantUploads;
import se.bidrag.local.Http;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;
import se.bidrag.testkit.LocalStackExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Grants as data on DynamoDB Local: a bundle uploaded to the table is served by the functions (no redeploy), the
 * same upload twice is one version, a changed bundle the next while the earlier stays readable, a grant's own data
 * files are what its allocation reads, and a tampered stored body fails its checksum.
 */
@ExtendWith(LocalStackExtension.class)
class GrantUploadIT {
  static final String EXAMPLE = "god-och-nara-vard-2026-exempel";

  static Path example() {
    return ProjectPaths.root().resolve("infra/demo/grants/" + EXAMPLE);
  }

  static String admin(LocalRuntime runtime) {
    return runtime.jwt().mintAgency("handlaggare-1", "2021000555", List.of("handlaggare"), "Handläggare",
        Duration.ofMinutes(10));
  }

  static GrantBundle bundle(String grantJson, Map<String, String> more) {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("grant.json", grantJson.getBytes(StandardCharsets.UTF_8));
    more.forEach((k, v) -> files.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return new GrantBundle(files);
  }

  /** The functions' catalogs trust what they read for a minute: move the clock past it. */
  static void aMinuteLater(LocalRuntime runtime) {
    runtime.setClock(runtime.clock().instant().plusSeconds(61));
  }

  @Test
  void anUploadedGrantIsServedVersionedAndVerified(LocalRuntime runtime) throws Exception {
    DynamoGrantStore store = new DynamoGrantStore(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    GrantUploads uploads = new GrantUploads(store, GrantCatalog.withStore(store, runtime.clock()), new BundleDataCheck(),
        runtime.clock());
    Http http = new Http(runtime.api().uri());
    String admin = admin(runtime);
    assertEquals(404, http.get("/grants/" + EXAMPLE, admin).status(), "not bundled: unknown until uploaded");
    aMinuteLater(runtime);

    GrantUploads.Outcome v1 = uploads.upload(GrantBundle.read(example()), "it");
    assertTrue(v1.created());
    assertEquals(1, v1.version().number());
    List<GrantStore.Version> listed = store.latest();
    assertEquals(List.of(EXAMPLE), listed.stream().map(GrantStore.Version::grantId).toList());
    assertEquals(v1.version(), listed.get(0));
    assertTrue(listed.get(0).title().startsWith("EXEMPEL"));

    // the allocation function serves it (after its minute of cache), computed from the bundled data
    aMinuteLater(runtime);
    Http.Response grant = http.get("/grants/" + EXAMPLE, admin);
    assertEquals(200, grant.status(), grant.body());
    assertEquals(2026, grant.json().path("grantYear").asInt());
    // the list of the deployment's grants names it first (the newest grant year), then the bundled 2025 grant
    List<String> ids = new java.util.ArrayList<>();
    http.get("/grants", admin).json().path("grants").forEach(g -> ids.add(g.path("id").asText()));
    assertEquals(List.of(EXAMPLE, "god-och-nara-vard-2025"), ids, "not the smoke-test grant");
    Http.Response published = http.post("/grants/" + EXAMPLE + "/allocations:publish", admin, null);
    assertEquals(201, published.status(), published.body());
    JsonNode allocations = http.get("/grants/" + EXAMPLE + "/allocations", admin).json();
    assertEquals(311, allocations.path("allocations").size());
    assertEquals(3_674_000_000L, published.json().path("total").asLong());

    // the same bundle again: nothing written, the same version
    GrantUploads.Outcome again = uploads.upload(GrantBundle.read(example()), "it");
    assertFalse(again.created());
    assertEquals(v1.version(), again.version());
    assertEquals(1, store.versions(EXAMPLE).size());

    // a changed bundle: version 2 is served; version 1 is unchanged and still readable
    String json = Files.readString(example().resolve("grant.json"));
    GrantBundle changed = bundle(json.replace("\"title\": \"EXEMPEL:", "\"title\": \"EXEMPEL (v2):"), Map.of());
    GrantUploads.Outcome v2 = uploads.upload(changed, "it");
    assertTrue(v2.created());
    assertEquals(2, v2.version().number());
    assertEquals(v1.version().sha256(), store.read(EXAMPLE, 1).orElseThrow().sha256());
    assertEquals(GrantBundle.read(example()).sha256(), store.versions(EXAMPLE).get(0).sha256());
    assertEquals(changed.sha256(), store.read(EXAMPLE, 2).orElseThrow().sha256());
    assertTrue(http.get("/grants/" + EXAMPLE, admin).json().path("title").asText().startsWith("EXEMPEL:"),
        "within the minute the function still serves what it read");
    aMinuteLater(runtime);
    assertTrue(http.get("/grants/" + EXAMPLE, admin).json().path("title").asText().startsWith("EXEMPEL (v2):"));

    // a stored body changed behind the store's back fails its checksum and is never served
    var db = runtime.platform().dynamoDb();
    String table = runtime.table("BidragTable");
    var key = Map.of("PK", AttributeValue.fromS("GRANTDEF#" + EXAMPLE), "SK", AttributeValue.fromS("VERSION#0000000001"));
    byte[] body = db.getItem(g -> g.tableName(table).key(key)).item().get("body").b().asByteArray();
    byte[] tampered = GrantBundleGzip.gzip(new String(GrantBundleGzip.gunzip(body), StandardCharsets.UTF_8)
        .replace("3674000000", "3674000001").getBytes(StandardCharsets.UTF_8));
    db.updateItem(u -> u.tableName(table).key(key).updateExpression("SET body = :b")
        .expressionAttributeValues(Map.of(":b", AttributeValue.fromB(SdkBytes.fromByteArray(tampered)))));
    GrantStore.CorruptVersionException e = assertThrows(GrantStore.CorruptVersionException.class,
        () -> store.read(EXAMPLE, 1));
    assertTrue(e.getMessage().contains("is not served"), e.getMessage());
    assertEquals(changed.sha256(), store.read(EXAMPLE, 2).orElseThrow().sha256(), "version 2 is untouched");
  }

  @Test
  void anUploadedGrantsOwnDataFilesAreWhatItsAllocationReads(LocalRuntime runtime) throws Exception {
    DynamoGrantStore store = new DynamoGrantStore(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    GrantUploads uploads = new GrantUploads(store, GrantCatalog.withStore(store, runtime.clock()), new BundleDataCheck(),
        runtime.clock());
    String id = "exempel-egna-data-2026";
    String json = Files.readString(example().resolve("grant.json"))
        .replace("\"id\": \"" + EXAMPLE + "\"", "\"id\": \"" + id + "\"").replace("\"series\": 1", "\"series\": 2");
    // the grant's own rural classes: Upplands Väsby (0114) a very sparse rural municipality
    String classes = Files.readString(ProjectPaths.root().resolve(
        "functions/src/main/resources/data/landsbygdstyper_illustrative.csv"))
        .replace("0114,Upplands Väsby,ej-landsbygdskommun", "0114,Upplands Väsby,mycket-glesa-landsbygdskommun");
    assertEquals(1, uploads.upload(bundle(json, Map.of("landsbygdstyper_official.csv", classes)), "it")
        .version().number());
    aMinuteLater(runtime);
    Http http = new Http(runtime.api().uri());
    String admin = admin(runtime);
    assertEquals(201, http.post("/grants/" + id + "/allocations:publish", admin, null).status());
    JsonNode one = http.get("/grants/" + id + "/allocations/kommun-0114", admin).json();
    long rural = one.path("pots").path("kommun-rural").asLong(-1);
    assertTrue(rural > 0, "0114's rural amount comes from the grant's own classes: " + one);
  }

  /** A body over 350 KB gzip'ed is stored in parts, all written in one transaction, and read back whole. */
  @Test
  void aLargeBundleIsStoredInPartsAndReadBackWhole(LocalRuntime runtime) throws Exception {
    DynamoGrantStore store = new DynamoGrantStore(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    byte[] noise = new byte[900 * 1024];
    new java.util.Random(17).nextBytes(noise); // random bytes do not compress: three parts
    Map<String, byte[]> files = new TreeMap<>();
    files.put("grant.json", Files.readAllBytes(example().resolve("grant.json")));
    files.put("noise.bin", noise);
    GrantBundle big = new GrantBundle(files);
    GrantStore.Version v = new GrantStore.Version("stor-bunt", 1, big.sha256(), runtime.clock().instant(), "it", "t");
    assertTrue(store.put(v, big));
    assertFalse(store.put(v, big), "a version is written once");
    var items = runtime.platform().dynamoDb().query(q -> q.tableName(runtime.table("BidragTable"))
        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk",
            AttributeValue.fromS("GRANTDEF#stor-bunt")))).items();
    assertEquals(List.of("VERSION#0000000001", "VERSION#0000000001#PART#0001", "VERSION#0000000001#PART#0002"),
        items.stream().map(i -> i.get("SK").s()).toList());
    GrantBundle back = store.read("stor-bunt", 1).orElseThrow();
    assertEquals(big.sha256(), back.sha256());
    assertTrue(java.util.Arrays.equals(noise, back.files().get("noise.bin")));
    assertEquals(List.of(v), store.versions("stor-bunt"));
  }
}
