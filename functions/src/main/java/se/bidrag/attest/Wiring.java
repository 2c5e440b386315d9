package se.bidrag.attest;

import se.bidrag.grant.GrantCatalogs;
import se.bidrag.platform.Platform;

/** The proposal register on its AWS adapter: the only code that reads the function's configuration. */
final class Wiring {
  private Wiring() {}

  static Attestation attestation(Platform platform) {
    AttestationConfig config = AttestationConfig.from(platform.settings());
    return new Attestation(GrantCatalogs.of(platform), new DynamoProposals(platform.dynamoDb(), config.table()),
        config.staleAfterWorkingDays(), platform.clock());
  }
}
