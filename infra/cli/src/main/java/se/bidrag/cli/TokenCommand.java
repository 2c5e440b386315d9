package se.bidrag.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import se.bidrag.access.Role;
import se.bidrag.grant.GrantCatalog;
import se.bidrag.grant.Orgnr;
import se.bidrag.local.LocalJwt;
import se.bidrag.local.ProjectPaths;

@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Mint a token as the e-service (or the agency's identity provider) would send it, signed with the "
        + "local key; the token is the last line.")
final class TokenCommand implements Callable<Integer> {

  @Option(names = "--orgnr", description = "The acting organisation's organisationsnummer (10 digits); "
      + "default for the agency's roles: the grant definition's agency.")
  String orgnr;

  @Option(names = "--role", required = true, split = ",", description = "ombud, representant or uppgiftssamordnare "
      + "(an organisation's people); handlaggare and/or attestant (the agency's people: repeat the option or "
      + "separate by commas, e.g. --role handlaggare,attestant).")
  List<String> roles;

  @Option(names = "--sub", description = "The person (token subject); default: local-<role>-<orgnr>.")
  String subject;

  @Option(names = "--name", description = "The person's name.")
  String name;

  @Option(names = "--ttl", defaultValue = "PT8H", description = "Validity as an ISO-8601 duration (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Override
  public Integer call() {
    Set<Role> parsed = new LinkedHashSet<>();
    for (String r : roles) {
      parsed.add(Role.parse(r.strip()).filter(Role::inTokens).orElseThrow(() -> new IllegalArgumentException(
          "--role must be ombud, representant, uppgiftssamordnare, handlaggare or attestant, not '" + r + "'")));
    }
    boolean agency = parsed.stream().allMatch(Role::isAgency);
    if (!agency && parsed.size() != 1) {
      throw new IllegalArgumentException("an organisation's token carries one role (ombud, representant or "
          + "uppgiftssamordnare); only the agency's handlaggare and attestant may be combined");
    }
    String normalised = orgnr == null && agency
        ? GrantCatalog.bundled().agencyOrgnrs().iterator().next() : Orgnr.normalise(orgnr);
    if (normalised == null) {
      throw new IllegalArgumentException("--orgnr '" + orgnr + "' is not a valid organisationsnummer (10 digits, Luhn)");
    }
    List<String> codes = new ArrayList<>(parsed.stream().map(Role::code).toList());
    String sub = subject != null ? subject : "local-" + String.join("-", codes) + "-" + normalised;
    LocalJwt jwt = LocalJwt.forProject(ProjectPaths.root());
    String token = agency ? jwt.mintAgency(sub, normalised, codes, name != null ? name : sub, ttl)
        : jwt.mint(sub, normalised, codes.get(0), name != null ? name : sub, ttl);
    System.err.println("Local token for " + sub + " acting as " + String.join("+", codes) + " for " + normalised
        + (agency ? " with the agency scope" : "") + ", valid " + ttl + " (issuer " + LocalJwt.ISSUER + ", audience "
        + LocalJwt.AUDIENCE + "):");
    System.out.println(token);
    return 0;
  }
}
