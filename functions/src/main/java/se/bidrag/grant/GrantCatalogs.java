package se.bidrag.grant;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import se.bidrag.platform.Platform;

/**
 * The one way function code gets its grants: the bundled grants and those uploaded to the function's table
 * ({@code TABLE_NAME}), one catalog per {@link Platform} (per function environment), so its cache
 * ({@link UploadedGrants#TTL}, 60 s by the platform's clock) is shared by every service the function wires. A
 * bundled grant is found without any call; an uploaded one costs a read when it is first asked for and at
 * most once a minute after. Unit tests use {@link GrantCatalog#bundled()}.
 */
public final class GrantCatalogs {
  private static final Map<Platform, GrantCatalog> CATALOGS = Collections.synchronizedMap(new WeakHashMap<>());

  private GrantCatalogs() {}

  public static GrantCatalog of(Platform platform) {
    return CATALOGS.computeIfAbsent(platform, p -> p.settings().optional("TABLE_NAME")
        .map(table -> GrantCatalog.withStore(new DynamoGrantStore(p.dynamoDb(), table), p.clock()))
        .orElse(GrantCatalog.bundled()));
  }
}
