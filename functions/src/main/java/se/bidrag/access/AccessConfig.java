package se.bidrag.access;

import se.bidrag.platform.Settings;

/**
 * The organisation function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 */
record AccessConfig(String table) {

  static AccessConfig from(Settings env) {
    return new AccessConfig(env.require("TABLE_NAME"));
  }
}
