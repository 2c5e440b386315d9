package se.bidrag.redistribution;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import se.bidrag.platform.Settings;

/**
 * The redistribution functions' configuration (the API and the scheduled job), read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param dataDirectory {@code BIDRAG_DATA_DIR}: where official base-data files were dropped in (the
 *     allocation is recomputed from the same data it was published from); unset: the bundled files
 * @param emailQueue {@code EMAIL_QUEUE_URL}: where the notices to recipients with a share go
 */
record RedistributionConfig(String table, Optional<Path> dataDirectory, URI emailQueue) {

  static RedistributionConfig from(Settings env) {
    return new RedistributionConfig(env.require("TABLE_NAME"), env.optionalPath("BIDRAG_DATA_DIR"),
        env.url("EMAIL_QUEUE_URL"));
  }
}
