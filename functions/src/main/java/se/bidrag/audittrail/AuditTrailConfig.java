package se.bidrag.audittrail;

import se.bidrag.platform.Settings;

/**
 * The audit-trail function's configuration, read and checked once at init.
 *
 * @param table {@code TABLE_NAME}
 */
record AuditTrailConfig(String table) {

  static AuditTrailConfig from(Settings env) {
    return new AuditTrailConfig(env.require("TABLE_NAME"));
  }
}
