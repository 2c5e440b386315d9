package se.bidrag.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import se.bidrag.allocation.BundleDataCheck;
import se.bidrag.grant.DynamoGrantStore;
import se.bidrag.grant.GrantBundle;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.GrantUploads;
import se.bidrag.json.Json;
import se.bidrag.local.LocalApi;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.LocalRuntime;
import se.bidrag.platform.Log;

/**
 * {@code ./bidrag bench largegrant --units N}: writes the synthetic grant's bundle ({@link SyntheticGrant}) into
 * {@code OUT/largegrant-N/bundle}, starts a local stack, uploads the bundle into its table as
 * {@code ./bidrag grant upload} would ({@link #upload}), plays the grant's year ({@link LargeGrant}), and prints each phase's seconds, the grant's DynamoDB calls and read/write units per
 * recipient, the e-mails, the estimated cost of the work and the checks; {@code largegrant-N.json} beside.
 */
public final class LargeGrantRun {
  /** Where the clock starts: the day before the synthetic grant is published. */
  static final Instant START = Instant.parse(SyntheticGrant.YEAR_STARTS + "T08:00:00Z");

  private LargeGrantRun() {}

  public static LargeGrant.Result run(Path root, Path out, int units, long seed, boolean reporting, PrintStream console)
      throws IOException {
    long started = System.nanoTime();
    Path dir = root.resolve(out).resolve("largegrant-" + units).normalize();
    Path bundle = SyntheticGrant.write(dir.resolve("bundle"), units, seed);
    Path logFile = dir.resolve("functions.log");
    PrintStream functionLog = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
    Log.to(functionLog);
    try (LocalRuntime runtime = start(root)) {
      upload(runtime, bundle);
      console.printf("Local stack up in %.1f s. Playing %s with %d synthetic care units (seed %d)%s:%n",
          (System.nanoTime() - started) / 1e9, SyntheticGrant.GRANT_ID, units, seed,
          reporting ? ", with its reporting year" : ", without its reporting year");
      LargeGrant.Result r = new LargeGrant(runtime, seed, console).play(reporting);
      functionLog.flush();
      YearUsage usage = Demo.usage(runtime, root, Files.size(logFile));
      ObjectNode json = print(r, usage, console);
      ObjectNode byFunction = json.putObject("functionSeconds");
      Map<String, double[]> per = new java.util.TreeMap<>();
      Map<String, String> longest = new java.util.HashMap<>();
      for (var i : runtime.calls().invocations()) {
        double[] a = per.computeIfAbsent(i.function(), k -> new double[3]);
        a[0]++;
        a[1] += i.millis() / 1000;
        if (i.millis() / 1000 >= a[2]) {
          a[2] = i.millis() / 1000;
          longest.put(i.function(), i.trigger());
        }
      }
      ObjectNode largest = json.putObject("largestResponseBytes");
      console.printf("  Largest answers (bytes as Lambda returns them; its limit is %,d):%n", LocalApi.MAX_RESPONSE);
      runtime.api().largestResponses().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(e -> {
            largest.put(e.getKey(), e.getValue());
            if (e.getValue() > 100_000) {
              console.printf("    %-60s %,12d%n", e.getKey(), e.getValue());
            }
          });
      console.println("  Functions  (invocations, seconds in the handler, the longest invocation: what a timeout bounds)");
      per.forEach((fn, a) -> {
        byFunction.putObject(fn).put("invocations", (long) a[0]).put("seconds", Math.round(a[1] * 10) / 10.0)
            .put("longestSeconds", Math.round(a[2] * 10) / 10.0).put("longestTrigger", longest.get(fn));
        console.printf("    %-30s %7d %9.1f s   longest %7.1f s  %s%n", fn, (long) a[0], a[1], a[2], longest.get(fn));
      });
      Files.writeString(dir.resolve("largegrant-" + units + ".json"), Json.write(json), StandardCharsets.UTF_8);
      console.printf("%nThe run took %.1f s. %s%n", (System.nanoTime() - started) / 1e9,
          r.allChecksPass() ? "Every check passed." : "SOME CHECKS FAILED.");
      return r;
    } finally {
      Log.to(System.out);
      functionLog.close();
    }
  }

  /** A local stack whose clock stands at {@link #START}, the day before the grant is published. */
  public static LocalRuntime start(Path root) {
    LocalRuntime.Options o = LocalRuntime.options().clock(START, false).fastRetries();
    if (root != null) {
      o.root(root).jwt(LocalJwt.forProject(root));
    }
    return o.start();
  }

  /**
   * Uploads the bundle in {@code dir} into the stack's table, validated at the stack's clock, as {@code ./bidrag
   * grant upload DIR} does against a running {@code ./bidrag serve}: the same bundle again changes nothing. The
   * functions see it the first time they are asked for the grant (each caches the lookup for a minute of the
   * stack's clock, which stands still until the player moves it a day on).
   */
  public static GrantUploads.Outcome upload(LocalRuntime runtime, Path dir) {
    var store = new DynamoGrantStore(runtime.platform().dynamoDb(), runtime.table("BidragTable"));
    return new GrantUploads(store, GrantCatalog.withStore(store, runtime.clock()), new BundleDataCheck(),
        runtime.clock()).upload(GrantBundle.read(dir), "largegrant");
  }

  static ObjectNode print(LargeGrant.Result r, YearUsage usage, PrintStream out) {
    ObjectNode json = Json.object().put("grantId", SyntheticGrant.GRANT_ID).put("units", r.units());
    ObjectNode phases = json.putObject("phaseSeconds");
    out.printf("%n%s, %d units%n", SyntheticGrant.GRANT_ID, r.units());
    out.printf("  %-76s %9s %13s %12s %12s%n", "phase", "seconds", "DynamoDB calls", "RRU", "WRU (per recipient)");
    r.phaseSeconds().forEach((k, v) -> {
      phases.put(k, Math.round(v * 10) / 10.0);
      JsonNode pc = r.phaseCalls().path(k);
      out.printf("  %-76s %9.1f %13.2f %12.2f %12.2f%n", k, v, pc.path("callsPerRecipient").asDouble(),
          pc.path("readUnitsPerRecipient").asDouble(), pc.path("writeUnitsPerRecipient").asDouble());
    });
    json.set("phaseCalls", r.phaseCalls());
    GrantFigures f = r.figures();
    out.printf("  %-40s %15s %15s %15s %15s %15s%n", "pot", "allocated", "requisitioned", "redistributed", "paid",
        "unallocated");
    for (GrantFigures.Pot p : f.pots) {
      out.printf("  %-40s %,15d %,15d %,15d %,15d %,15d%n", p.potId(), p.allocated(), p.requisitioned(),
          p.redistributed(), p.paid(), p.unallocated());
    }
    out.printf("  Payments   %d orders in %d pain.001 files, %,d kr%n", f.orders, f.paymentFiles, f.paidTotal);
    if (f.onTime + f.late + f.missing > 0) {
      out.printf("  Reports    %d on time, %d late, %d missing; invoices %d, %,d kr net%n", f.onTime, f.late, f.missing,
          f.invoiceCount, f.netInvoiced);
    }
    JsonNode c = r.calls();
    out.printf("  DynamoDB   %d calls, %.1f per recipient (%.1f RRU, %.1f WRU per recipient)%n",
        c.path("dynamodbCalls").asLong(), c.path("dynamodbCallsPerRecipient").asDouble(),
        c.path("readUnitsPerRecipient").asDouble(), c.path("writeUnitsPerRecipient").asDouble());
    out.printf("  E-mail     %d received by SES (%.2f per unit)%n", r.emails(), r.emails() / (double) r.units());
    json.set("dynamodb", c);
    json.put("emails", r.emails());
    BigDecimal work = workCost(usage);
    out.printf("  Cost       %s USD for the work (DynamoDB, Lambda, API, SES, SQS requests, logs; list prices, "
        + "not the fixed alarms, key, secrets and idle polling): %s USD per 1 000 units%n", work.toPlainString(),
        work.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(r.units()), 4, RoundingMode.HALF_UP)
            .toPlainString());
    json.put("workCostUsd", work);
    json.set("usage", usage.toJson());
    ObjectNode checks = json.putObject("checks");
    r.checks().forEach((k, ok) -> {
      checks.put(k, ok);
      out.printf("  [%s] %-42s %s%n", ok ? "ok" : "FAIL", k, r.why().get(k));
    });
    if (!r.failures().isEmpty()) {
      out.println("  Unexpected answers (" + r.failures().size() + "), the first: " + r.failures().get(0));
    }
    json.putArray("failures").addAll(r.failures().stream().limit(20).map(Json.MAPPER.getNodeFactory()::textNode)
        .toList());
    return json;
  }

  /** What the grant's work costs at list prices: everything but the fixed monthly items and the idle queue polling. */
  static BigDecimal workCost(YearUsage u) {
    JsonNode p = YearCost.priceTable().path("prices");
    BigDecimal sum = YearCost.cost(p, "dynamodb.readRequestUnit", u.readRequestUnits())
        .add(YearCost.cost(p, "dynamodb.writeRequestUnit", u.writeRequestUnits()))
        .add(YearCost.cost(p, "lambda.request", u.lambdaRequests()))
        .add(YearCost.cost(p, "lambda.gbSecond", u.lambdaGbSeconds()))
        .add(YearCost.cost(p, "apiGateway.httpRequest", u.httpRequests()))
        .add(YearCost.cost(p, "sqs.request", u.sqsRequests()))
        .add(YearCost.cost(p, "ses.email", u.emails()))
        .add(YearCost.cost(p, "cloudwatch.logsIngestedGb", u.logBytes() / 1e9));
    return sum.setScale(4, RoundingMode.HALF_UP);
  }
}
