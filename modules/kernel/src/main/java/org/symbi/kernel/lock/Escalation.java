package org.symbi.kernel.lock;

import java.time.Instant;

/** A conflict waiting for a person to pick the winner before the deadline. */
public record Escalation(String escalationId, String conflictId, String summary, Instant openedAt,
                         Instant deadline) {
}
