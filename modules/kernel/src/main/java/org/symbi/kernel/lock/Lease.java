package org.symbi.kernel.lock;

import org.symbi.protocol.Priority;

import java.time.Instant;

/** A lock as it stands: who holds the resource, at what priority, and until when. */
public record Lease(String resource, String holder, Priority priority, Instant acquiredAt, Instant leaseUntil) {
}
