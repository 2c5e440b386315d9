package se.bidrag.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import se.bidrag.access.Caller;

/**
 * One state change: who (organisation, role, person), when, what, and the state before and after.
 * Written in the same transaction as the change it records, so a change without its audit record
 * cannot exist.
 *
 * @param grantId the grant the change belongs to; null for organisation registrations
 * @param entity what changed, e.g. {@code requisition/god-och-nara-vard-2025/kommun-0114}
 * @param sequence orders the entity's entries (its version for versioned entities)
 */
public record AuditEntry(String grantId, String entity, long sequence, Instant at, Caller actor, String action,
    JsonNode before, JsonNode after) {}
