package org.symbi.governance;

import java.time.Instant;
import java.util.Set;

/**
 * The constraints a warrant is issued with.
 *
 * @param maxUses how many actions it allows; 0 for no limit
 * @param budget  the token or cost budget executions may spend under it; 0 for no limit
 * @param tasks   the tasks it is scoped to; it ends when the last of them ends. Empty: not task-scoped
 */
public record WarrantTerms(WarrantScope scope, Instant expiresAt, int maxUses, long budget, Set<String> tasks) {
    public WarrantTerms {
        if (scope == null || expiresAt == null) {
            throw new IllegalArgumentException("a warrant needs a scope and an expiry");
        }
        if (maxUses < 0 || budget < 0) {
            throw new IllegalArgumentException("maxUses and budget cannot be negative");
        }
        tasks = tasks == null ? Set.of() : Set.copyOf(tasks);
    }
}
