package se.bidrag.attest;

import se.bidrag.platform.Settings;

/**
 * The attestation function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param staleAfterWorkingDays {@code PROPOSAL_STALE_AFTER_WORKING_DAYS}: a proposal that has waited
 *     longer than this many Swedish working days is listed as stale (default 2)
 */
record AttestationConfig(String table, int staleAfterWorkingDays) {

  static AttestationConfig from(Settings env) {
    return new AttestationConfig(env.require("TABLE_NAME"), env.integer("PROPOSAL_STALE_AFTER_WORKING_DAYS", 2, 0));
  }
}
