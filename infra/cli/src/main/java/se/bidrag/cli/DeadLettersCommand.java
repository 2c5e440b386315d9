package se.bidrag.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import se.bidrag.json.Json;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.ProjectPaths;

@Command(name = "dead-letters", mixinStandardHelpOptions = true, subcommands = DeadLettersCommand.Redrive.class,
    description = "The running ./bidrag serve's failure queues: dead-letter queues, the scheduled jobs' on-failure queue "
        + "and the schedules' delivery dead-letter queue, with their messages.")
final class DeadLettersCommand implements Callable<Integer> {

  static String admin() {
    return LocalJwt.forProject(ProjectPaths.root()).mint("local-operator", "2021000555", "admin", "Local operator",
        Duration.ofMinutes(5));
  }

  @Override
  public Integer call() throws Exception {
    var r = ServeSupport.send(HttpRequest.newBuilder(ServeSupport.api().resolve("/_local/dead-letters"))
        .header("Authorization", "Bearer " + admin()).GET().build());
    JsonNode body = Json.parse(r.body());
    for (JsonNode q : body.path("queues")) {
      System.out.printf("%-28s %-17s %3d message(s)%n", q.path("queue").asText(), q.path("kind").asText(),
          q.path("messages").asInt());
      for (JsonNode m : q.path("items")) {
        System.out.println("    " + (m.has("function") ? m.path("function").asText() + " " + m.path("condition").asText()
            + " after " + m.path("approximateInvokeCount").asInt() + " tries: " + m.path("errorMessage").asText()
            + "  payload " + Json.write(m.path("requestPayload")) : Json.write(m.path("body"))));
      }
    }
    System.out.println(body.path("total").asInt() == 0 ? "Nothing waits in a failure queue."
        : body.path("total").asInt() + " message(s) wait; mend the cause, then: ./bidrag dead-letters redrive");
    return 0;
  }

  @Command(name = "redrive", mixinStandardHelpOptions = true,
      description = "Every dead letter back to its queue; every failed job's record invoked again with its payload.")
  static final class Redrive implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      var r = ServeSupport.send(HttpRequest.newBuilder(ServeSupport.api().resolve("/_local/dead-letters:redrive"))
          .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + admin())
          .POST(HttpRequest.BodyPublishers.noBody()).build());
      System.out.println(r.statusCode() == 200 ? Json.pretty(Json.parse(r.body())) : r.statusCode() + " " + r.body());
      return r.statusCode() == 200 ? 0 : 1;
    }
  }
}
