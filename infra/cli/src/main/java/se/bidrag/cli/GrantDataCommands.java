package se.bidrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import se.bidrag.allocation.BundleDataCheck;
import se.bidrag.grant.DynamoGrantStore;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantDefinitionException;
import se.bidrag.grant.GrantStore;
import se.bidrag.grant.GrantUploads;
import se.bidrag.json.Json;
import se.bidrag.local.LocalRuntime;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code ./bidrag grant validate|upload|list}: grants as data (README, "Grants as data"). Without {@code --table}
 * they work on the running {@code ./bidrag serve} (its table, DynamoDB endpoint and clock, from
 * {@code .bidrag/serve.json}); with {@code --table} on AWS, by the default credentials chain.
 */
final class GrantDataCommands {
  private GrantDataCommands() {}

  /** Where the grants are stored. */
  static final class Target {
    @Option(names = "--table", description = "The stack's table (on AWS: the BidragTable output). Default: the running ./bidrag serve's.")
    String table;

    @Option(names = "--endpoint-url", description = "DynamoDB endpoint (default: AWS's, or the running ./bidrag serve's).")
    URI endpoint;

    @Option(names = "--region", description = "AWS region (default: AWS_REGION, else eu-north-1).")
    String region;

    boolean local() {
      return table == null;
    }

    DynamoGrantStore store() {
      var b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
      if (local()) {
        JsonNode state = ServeSupport.state();
        b.endpointOverride(endpoint != null ? endpoint : URI.create(state.path("dynamodb").asText()))
            .region(Region.of(state.path("region").asText("us-east-1")))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        return new DynamoGrantStore(b.build(), state.path("table").asText());
      }
      String r = region != null ? region : System.getenv().getOrDefault("AWS_REGION", "eu-north-1");
      b.region(Region.of(r)).credentialsProvider(DefaultCredentialsProvider.builder().build());
      if (endpoint != null) {
        b.endpointOverride(endpoint);
      }
      return new DynamoGrantStore(b.build(), table);
    }

    /** The running local stack's clock (the year it plays); on AWS the system clock. */
    Clock clock(Instant at) throws Exception {
      if (at != null) {
        return Clock.fixed(at, ZoneOffset.UTC);
      }
      if (!local()) {
        return Clock.systemUTC();
      }
      var r = ServeSupport.send(HttpRequest.newBuilder(ServeSupport.api().resolve("/_local/clock")).GET().build());
      return Clock.fixed(Instant.parse(Json.parse(r.body()).path("instant").asText()), ZoneOffset.UTC);
    }
  }

  static int report(List<String> problems) {
    problems.forEach(System.out::println);
    System.out.println(problems.size() + " problem(s)");
    return 1;
  }

  static Instant at(String text) {
    return text == null ? null : LocalRuntime.parseInstant(text);
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Checks a grant bundle (a directory with grant.json, optionally datasets.json and data files) and "
          + "prints every problem, one a line; exit 1 if there is any. Offline: judged among the bundled grants.")
  static final class Validate implements Callable<Integer> {
    @Parameters(index = "0", description = "The bundle's directory.")
    Path directory;

    @Option(names = "--at", description = "Judge the deadline at this instant (default: now), e.g. 2025-06-01.")
    String at;

    @Override
    public Integer call() {
      GrantBundle bundle;
      try {
        bundle = GrantBundle.read(directory);
      } catch (GrantDefinitionException e) {
        return report(e.problems());
      }
      Clock clock = at != null ? Clock.fixed(at(at), ZoneOffset.UTC) : Clock.systemUTC();
      List<String> problems = new GrantUploads(null, GrantCatalog.bundled(), new BundleDataCheck(), clock).problems(bundle);
      if (!problems.isEmpty()) {
        return report(problems);
      }
      System.out.println("ok: " + directory + " (" + bundle.files().size() + " file(s), sha256 " + bundle.sha256() + ")");
      return 0;
    }
  }

  @Command(name = "upload", mixinStandardHelpOptions = true,
      description = "Validates a grant bundle among the stack's grants and stores it: the same bundle as the latest "
          + "version changes nothing; a changed one becomes the next version. Functions serve it within a minute.")
  static final class Upload implements Callable<Integer> {
    @Parameters(index = "0", description = "The bundle's directory.")
    Path directory;

    @Mixin
    Target target;

    @Option(names = "--at", description = "Judge the deadline at this instant, and stamp the version with it (default: the local stack's clock, or now on AWS).")
    String at;

    @Option(names = "--by", defaultValue = "${env:USER}", description = "Who uploads (recorded with the version).")
    String by;

    @Override
    public Integer call() throws Exception {
      GrantBundle bundle;
      try {
        bundle = GrantBundle.read(directory);
      } catch (GrantDefinitionException e) {
        return report(e.problems());
      }
      GrantStore store = target.store();
      Clock clock = target.clock(at(at));
      GrantUploads uploads = new GrantUploads(store, GrantCatalog.withStore(store, clock), new BundleDataCheck(), clock);
      GrantUploads.Outcome outcome;
      try {
        outcome = uploads.upload(bundle, by == null || by.isBlank() ? "cli" : by);
      } catch (GrantDefinitionException e) {
        return report(e.problems());
      }
      var v = outcome.version();
      System.out.println((outcome.created() ? "uploaded " : "unchanged (the latest version is this bundle): ")
          + v.grantId() + " version " + v.number() + ", sha256 " + v.sha256());
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The uploaded grants at their latest versions: id, version, sha256, uploaded at, title.")
  static final class ListGrants implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--versions", description = "Every version of this grant, oldest first.")
    String grantId;

    @Override
    public Integer call() {
      GrantStore store = target.store();
      List<GrantStore.Version> versions = grantId != null ? store.versions(grantId) : store.latest();
      System.out.printf("%-40s %7s  %-64s  %-24s  %s%n", "id", "version", "sha256", "uploaded at", "title");
      for (GrantStore.Version v : versions) {
        System.out.printf("%-40s %7d  %-64s  %-24s  %s%n", v.grantId(), v.number(), v.sha256(), v.uploadedAt(),
            v.title());
      }
      if (versions.isEmpty()) {
        System.out.println(grantId != null ? "no versions of " + grantId : "no uploaded grants (the bundled ones serve)");
      }
      return 0;
    }
  }
}
