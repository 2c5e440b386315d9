package se.bidrag.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.smoke.SmokeCheck;

@Command(name = "smoke", mixinStandardHelpOptions = true,
    description = "After a deploy: read the grant, an allocation and the requisition list through the API, and file and "
        + "withdraw a requisition in the smoke-test grant, printing each step (exit 1 if one fails).")
final class SmokeCommand implements Callable<Integer> {

  @Option(names = "--api", required = true, description = "The API's base URL (the stack's ApiUrl output).")
  URI api;

  @Option(names = "--token", required = true, description = "An agency token (role admin).")
  String token;

  @Option(names = "--ombud-token", required = true,
      description = "A token of a registered ombud (or invited representant) of a municipality or region.")
  String ombudToken;

  @Option(names = "--grant", defaultValue = "god-och-nara-vard-2025", description = "The grant to read (default: ${DEFAULT-VALUE}).")
  String grant;

  @Option(names = "--smoke-grant", defaultValue = "smoke-test",
      description = "The grant to file and withdraw in (default: ${DEFAULT-VALUE}).")
  String smokeGrant;

  @Option(names = "--recipient", description = "The recipient to file for (default: the ombud token's organisation's).")
  String recipient;

  @Override
  public Integer call() {
    var steps = SmokeCheck.run(new SmokeCheck.Options(api, token, ombudToken, grant, smokeGrant, recipient), System.out);
    return steps.stream().allMatch(SmokeCheck.Step::ok) ? 0 : 1;
  }
}
