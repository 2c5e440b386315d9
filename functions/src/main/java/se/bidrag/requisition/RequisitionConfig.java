package se.bidrag.requisition;

import se.bidrag.platform.Settings;

/**
 * The requisition function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 */
record RequisitionConfig(String table) {

  static RequisitionConfig from(Settings env) {
    return new RequisitionConfig(env.require("TABLE_NAME"));
  }
}
