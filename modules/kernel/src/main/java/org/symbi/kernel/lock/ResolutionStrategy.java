package org.symbi.kernel.lock;

import java.util.Locale;

/** How a conflict is settled (seed: {@code resolution_strategy}). */
public enum ResolutionStrategy {
    VOTING, PRIORITY_BASED, HUMAN_ESCALATION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResolutionStrategy fromWire(String value) {
        for (ResolutionStrategy s : values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("resolution_strategy: unknown value '" + value
                + "' (allowed: voting, priority_based, human_escalation)");
    }
}
