package se.bidrag.allocation;

import java.nio.file.Path;
import java.util.Optional;
import se.bidrag.platform.Settings;

/**
 * The allocation function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param dataDirectory {@code BIDRAG_DATA_DIR}: official base-data files dropped in there win over the
 *     bundled ones; unset: the bundled files only
 */
record AllocationConfig(String table, Optional<Path> dataDirectory) {

  static AllocationConfig from(Settings env) {
    return new AllocationConfig(env.require("TABLE_NAME"), dataDirectory(env));
  }

  static Optional<Path> dataDirectory(Settings env) {
    return env.optionalPath("BIDRAG_DATA_DIR");
  }
}
