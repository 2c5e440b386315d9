package se.bidrag.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The post-deploy smoke check: through the deployed API it reads the grant, an allocation and the
 * requisition list, and files and withdraws a requisition in the smoke-test grant, printing each step.
 * It stops at the first step that fails (the later ones depend on it). See infra/smoke/README.md.
 */
public final class SmokeCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What to check.
   *
   * @param api the API's base URL (the stack's ApiUrl output)
   * @param agencyToken a token with role admin
   * @param ombudToken a token of a registered ombud (or invited representant) of some municipality or region
   * @param grant the grant to read (the deployment's GrantId)
   * @param smokeGrant the grant to file and withdraw in
   * @param recipient the recipient to file for, or null: the one whose organisation the ombud token acts for
   */
  public record Options(URI api, String agencyToken, String ombudToken, String grant, String smokeGrant,
      String recipient) {}

  /** One step: what was done, whether it went as it should, what came back. */
  public record Step(String request, boolean ok, String detail) {}

  private final Options o;
  private final URI base;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final List<Step> steps = new ArrayList<>();

  private SmokeCheck(Options o, PrintStream out) {
    this.o = o;
    this.base = o.api().toString().endsWith("/") ? o.api() : URI.create(o.api() + "/"); // keeps a path prefix
    this.out = out;
  }

  /** Runs the check, printing each step to {@code out}; returns the steps (all ok when it passed). */
  public static List<Step> run(Options o, PrintStream out) {
    SmokeCheck c = new SmokeCheck(o, out);
    out.println("Smoke check of " + o.api());
    try {
      c.check();
    } catch (Failed stop) {
      // the step is printed; later steps depend on it
    }
    long failed = c.steps.stream().filter(s -> !s.ok()).count();
    out.println(failed == 0 ? "Smoke check passed: " + c.steps.size() + " steps."
        : "Smoke check FAILED at step " + c.steps.size() + " of the check.");
    return List.copyOf(c.steps);
  }

  private static final class Failed extends RuntimeException {
    Failed() {
      super(null, null, false, false);
    }
  }

  private void check() {
    String g = "/grants/" + o.grant();
    String s = "/grants/" + o.smokeGrant();
    JsonNode grant = expect("GET", g, o.agencyToken(), null, null, 200).json;
    ok("GET " + g, grant.path("title").asText() + ", " + grant.path("total").asLong() + " kr, " + grant.path("state").asText());

    JsonNode smoke = expect("GET", s, o.agencyToken(), null, null, 200).json;
    ok("GET " + s, smoke.path("title").asText().split(" - ")[0] + ", " + smoke.path("state").asText());
    if ("NOT_PUBLISHED".equals(smoke.path("state").asText())) {
      JsonNode published = expect("POST", s + "/allocations:publish", o.agencyToken(), null, null, 201).json;
      ok("POST " + s + "/allocations:publish", "published the smoke-test allocation: " + published.path("recipients").asInt()
          + " recipients, " + published.path("total").asLong() + " kr");
    }
    String recipient = recipient(s);

    JsonNode allocation = expect("GET", g + "/allocations/" + recipient, o.ombudToken(), null, null, 200).json;
    ok("GET " + g + "/allocations/" + recipient, allocation.path("name").asText(recipient) + ": "
        + allocation.path("total").asLong() + " kr (as the ombud sees it)");
    JsonNode list = expect("GET", g + "/requisitions", o.agencyToken(), null, null, 200).json;
    ok("GET " + g + "/requisitions", list.path("requisitions").size() + " requisitions, "
        + list.path("totals").path("requisitioned").asLong() + " kr requisitioned");

    String path = s + "/requisitions/" + recipient;
    Reply before = send("GET", path, o.ombudToken(), null, null);
    if (before.status != 200 && before.status != 404) {
      fail("GET " + path, before);
    }
    ok("GET " + path, before.status == 404 ? "404: no smoke requisition yet"
        : "version " + before.json.path("version").asLong() + ", " + before.json.path("status").asText());
    String ifMatch = before.status == 200 ? "\"" + before.json.path("version").asLong() + "\"" : null;
    Reply filed = send("PUT", path, o.ombudToken(), requisition(), ifMatch);
    if (filed.status != 201 && filed.status != 200) {
      fail("PUT " + path, filed);
    }
    long version = filed.json.path("version").asLong();
    ok("PUT " + path, filed.status + ": filed 1 kr, version " + version + ", " + filed.json.path("status").asText());
    Reply withdrawn = send("DELETE", path, o.ombudToken(), null, "\"" + version + "\"");
    if (withdrawn.status != 200) {
      fail("DELETE " + path, withdrawn);
    }
    ok("DELETE " + path, "withdrawn, version " + withdrawn.json.path("version").asLong());
    JsonNode after = expect("GET", path, o.ombudToken(), null, null, 200).json;
    if (!"withdrawn".equals(after.path("status").asText())) {
      step("GET " + path, false, "status " + after.path("status").asText() + ", not withdrawn");
      throw new Failed();
    }
    ok("GET " + path, "withdrawn: the smoke-test grant is as before");
  }

  /** The recipient to file for: the option, or the smoke allocation of the ombud token's organisation. */
  private String recipient(String smokeGrant) {
    if (o.recipient() != null) {
      return o.recipient();
    }
    String orgnr = claim(o.ombudToken(), "orgnr");
    JsonNode all = expect("GET", smokeGrant + "/allocations", o.agencyToken(), null, null, 200).json;
    for (JsonNode a : all.path("allocations")) {
      if (a.path("orgnr").asText().equals(orgnr) && a.path("total").asLong() >= 1) {
        ok("GET " + smokeGrant + "/allocations", "the ombud token acts for " + orgnr + ": recipient "
            + a.path("recipientId").asText());
        return a.path("recipientId").asText();
      }
    }
    step("GET " + smokeGrant + "/allocations", false, "no smoke-test allocation for organisation " + orgnr
        + " (the ombud token's orgnr); pass --recipient");
    throw new Failed();
  }

  private static ObjectNode requisition() {
    ObjectNode b = JSON.createObjectNode().put("amount", 1);
    b.putArray("implementers").add("Röktest efter driftsättning");
    b.putArray("areas").add(1);
    b.put("wantsRemainingFunds", false);
    b.putObject("contact").put("name", "Röktest").put("email", "rektest@bidrag.invalid");
    b.put("registryEmail", "rektest@bidrag.invalid").put("signedBy", "./bidrag smoke");
    return b;
  }

  /** A claim of a JWT's payload (read, not verified: the API verifies it). */
  static String claim(String token, String name) {
    String[] parts = token.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("the ombud token is not a JWT");
    }
    try {
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path(name).asText();
    } catch (IOException e) {
      throw new IllegalArgumentException("the ombud token's payload is not JSON", e);
    }
  }

  private record Reply(int status, JsonNode json, String body) {}

  private Reply expect(String method, String path, String token, JsonNode body, String ifMatch, int status) {
    Reply r = send(method, path, token, body, ifMatch);
    if (r.status != status) {
      fail(method + " " + path, r);
    }
    return r;
  }

  private Reply send(String method, String path, String token, JsonNode body, String ifMatch) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Accept", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (body != null) {
      b.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
    }
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json;
      try {
        json = JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
      } catch (IOException notJson) {
        json = JSON.createObjectNode();
      }
      return new Reply(r.statusCode(), json, r.body());
    } catch (IOException e) {
      step(method + " " + path, false, "no answer: " + e);
      throw new Failed();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted", e));
    }
  }

  private void fail(String request, Reply r) {
    String body = r.body.length() > 300 ? r.body.substring(0, 300) + "..." : r.body;
    step(request, false, r.status + " " + body);
    throw new Failed();
  }

  private void ok(String request, String detail) {
    step(request, true, detail);
  }

  private void step(String request, boolean ok, String detail) {
    steps.add(new Step(request, ok, detail));
    out.printf("  %-9s %-72s %s%n", ok ? "[ok]" : "[FAILED]", request, detail);
  }
}
