package se.bidrag.allocation;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import se.bidrag.platform.Settings;

/**
 * The allocation function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 * @param dataDirectory {@code BIDRAG_DATA_DIR}: official base-data files dropped in there win over the
 *     bundled ones; unset: the bundled files only
 * @param stage {@code BIDRAG_STAGE} ({@code production} or {@code test}, from the template's {@code Stage}
 *     parameter): whether an allocation computed from illustrative inputs may be published
 */
record AllocationConfig(String table, Optional<Path> dataDirectory, Stage stage) {
  private static final Pattern STAGE = Pattern.compile("production|test");

  static AllocationConfig from(Settings env) {
    return new AllocationConfig(env.require("TABLE_NAME"), dataDirectory(env), stage(env));
  }

  static Optional<Path> dataDirectory(Settings env) {
    return env.optionalPath("BIDRAG_DATA_DIR");
  }

  static Stage stage(Settings env) {
    return Stage.parse(env.matching("BIDRAG_STAGE", STAGE, "production or test")).orElseThrow();
  }
}
