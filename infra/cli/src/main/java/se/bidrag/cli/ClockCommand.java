package se.bidrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import se.bidrag.json.Json;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.LocalRuntime;
import se.bidrag.local.ProjectPaths;

@Command(name = "clock", mixinStandardHelpOptions = true,
    description = "Show or set the clock of the running local server; setting it fires the schedules that come due.",
    subcommands = ClockCommand.Set.class)
final class ClockCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    var r = ServeSupport.send(HttpRequest.newBuilder(ServeSupport.api().resolve("/_local/clock")).GET().build());
    System.out.println(Json.pretty(Json.parse(r.body())));
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true, description = "Set the clock, e.g. 2025-04-18T02:00+02:00.")
  static final class Set implements Callable<Integer> {
    @Parameters(index = "0", description = "An instant with offset (2025-04-18T02:00+02:00), UTC (…Z) or a date.")
    String instant;

    @Override
    public Integer call() throws Exception {
      Instant to = LocalRuntime.parseInstant(instant);
      String admin = LocalJwt.forProject(ProjectPaths.root()).mintAgency("local-handlaggare", "2021000555",
          java.util.List.of("handlaggare"), "Local handläggare", Duration.ofMinutes(5));
      var r = ServeSupport.send(HttpRequest.newBuilder(ServeSupport.api().resolve("/_local/clock"))
          .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + admin)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("instant", to.toString())))).build());
      JsonNode body = Json.parse(r.body());
      if (r.statusCode() != 200) {
        System.err.println("bidrag: " + r.statusCode() + " " + r.body());
        return 1;
      }
      System.out.println("clock " + body.path("instant").asText() + " (Stockholm " + body.path("stockholm").asText() + ")");
      if (body.path("fired").isEmpty()) {
        System.out.println("no schedule came due");
      }
      for (JsonNode f : body.path("fired")) {
        System.out.println("fired " + f.path("schedule").asText() + " (due " + f.path("occurrence").asText() + "): "
            + (f.path("succeeded").asBoolean() ? "ok " : "FAILED (" + (f.path("settled").asBoolean() ? "settled"
                : "Lambda retries it; see ./bidrag dead-letters") + "): ") + f.path("result").asText());
      }
      return 0;
    }
  }
}
