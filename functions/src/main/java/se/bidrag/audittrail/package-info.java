/**
 * The audit trail people can read: every audit entry of a grant (and of the organisations that act for
 * its recipients), in time order, filtered by recipient, entity, actor and time, a page at a time.
 * Entries are written by each capability through {@link se.bidrag.audit.AuditItems} and never
 * updated or deleted; this package only reads them.
 */
package se.bidrag.audittrail;
