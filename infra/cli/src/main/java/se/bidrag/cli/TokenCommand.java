package se.bidrag.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.access.Role;
import se.bidrag.grant.Orgnr;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.ProjectPaths;

@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Mint a token as the e-service would send it, signed with the local key; the token is the last line.")
final class TokenCommand implements Callable<Integer> {

  @Option(names = "--orgnr", required = true, description = "The acting organisation's organisationsnummer (10 digits).")
  String orgnr;

  @Option(names = "--role", required = true, description = "ombud, representant, uppgiftssamordnare or admin.")
  String role;

  @Option(names = "--sub", description = "The person (token subject); default: local-<role>-<orgnr>.")
  String subject;

  @Option(names = "--name", description = "The person's name.")
  String name;

  @Option(names = "--ttl", defaultValue = "PT8H", description = "Validity as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Override
  public Integer call() {
    String normalised = Orgnr.normalise(orgnr);
    if (normalised == null) {
      throw new IllegalArgumentException("--orgnr '" + orgnr + "' is not a valid organisationsnummer (10 digits, Luhn)");
    }
    Role r = Role.parse(role).orElseThrow(() -> new IllegalArgumentException(
        "--role must be ombud, representant, uppgiftssamordnare or admin, not '" + role + "'"));
    String sub = subject != null ? subject : "local-" + r.code() + "-" + normalised;
    String token = LocalJwt.forProject(ProjectPaths.root()).mint(sub, normalised, r.code(), name != null ? name : sub, ttl);
    System.err.println("Local token for " + sub + " acting as " + r.code() + " for " + normalised + ", valid " + ttl
        + " (issuer " + LocalJwt.ISSUER + ", audience " + LocalJwt.AUDIENCE + "):");
    System.out.println(token);
    return 0;
  }
}
