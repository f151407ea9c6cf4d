package org.symbi.kernel.lock;

import java.time.Instant;
import java.util.List;

/**
 * A conflict and, once resolved, how it ended.
 *
 * @param involvedAgents the agents in the order they joined; the first is the holder when it was raised
 *                       over a held lock
 * @param winner         who won, or null while open (and when nobody was left to win)
 * @param outcome        a sentence for people saying how it was decided, or null while open
 * @param deadline       when the timeout rule applies to an open conflict
 */
public record Conflict(String conflictId, ConflictType type, String resource, List<String> involvedAgents,
                       ResolutionStrategy strategy, Status status, String winner, String outcome,
                       Instant openedAt, Instant deadline, Instant resolvedAt) {

    public enum Status {
        OPEN, RESOLVED
    }

    public Conflict {
        involvedAgents = List.copyOf(involvedAgents);
    }

    public boolean open() {
        return status == Status.OPEN;
    }
}
