package org.symbi.governance;

import java.time.Instant;
import java.util.Set;

/** One phase of a confirmed plan: the agent doing it, what it may do, and the tasks it consists of. */
public record Phase(String name, String agentId, WarrantScope scope, Set<String> taskIds, Instant expiresAt,
                    int maxUses, long budget) {
    public Phase {
        taskIds = Set.copyOf(taskIds);
        if (taskIds.isEmpty()) {
            throw new IllegalArgumentException("phase " + name + " has no tasks");
        }
    }
}
