package org.symbi.kernel.lock;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Which strategy settles each type of conflict, and how long the slow strategies may take before their
 * timeout rule applies. A caller of {@link LockManager#openConflict} may override both per conflict.
 */
public record ConflictPolicy(Map<ConflictType, ResolutionStrategy> strategies, Duration votingTimeout,
                             Duration escalationTimeout) {

    public ConflictPolicy {
        strategies = Map.copyOf(strategies);
        for (ConflictType t : ConflictType.values()) {
            if (!strategies.containsKey(t)) {
                throw new IllegalArgumentException("no resolution strategy for " + t.wire());
            }
        }
        requirePositive(votingTimeout, "voting timeout");
        requirePositive(escalationTimeout, "escalation timeout");
    }

    /** Contention is settled at once by priority, merges go to a person, priority clashes to a vote. */
    public static ConflictPolicy defaults() {
        Map<ConflictType, ResolutionStrategy> m = new EnumMap<>(ConflictType.class);
        m.put(ConflictType.RESOURCE_CONTENTION, ResolutionStrategy.PRIORITY_BASED);
        m.put(ConflictType.MERGE_CONFLICT, ResolutionStrategy.HUMAN_ESCALATION);
        m.put(ConflictType.PRIORITY_CLASH, ResolutionStrategy.VOTING);
        return new ConflictPolicy(m, Duration.ofMinutes(2), Duration.ofMinutes(30));
    }

    public ConflictPolicy with(ConflictType type, ResolutionStrategy strategy) {
        Map<ConflictType, ResolutionStrategy> m = new EnumMap<>(strategies);
        m.put(type, strategy);
        return new ConflictPolicy(m, votingTimeout, escalationTimeout);
    }

    public ResolutionStrategy strategyFor(ConflictType type) {
        return strategies.get(type);
    }

    /** Priority-based conflicts are decided when they open, so they have no wait. */
    public Duration timeoutFor(ResolutionStrategy strategy) {
        return switch (strategy) {
            case VOTING -> votingTimeout;
            case HUMAN_ESCALATION -> escalationTimeout;
            case PRIORITY_BASED -> Duration.ZERO;
        };
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }
}
