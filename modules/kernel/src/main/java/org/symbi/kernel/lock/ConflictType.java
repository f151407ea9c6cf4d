package org.symbi.kernel.lock;

import java.util.Locale;

/** What a conflict is about (seed: {@code conflict_type}). */
public enum ConflictType {
    MERGE_CONFLICT, RESOURCE_CONTENTION, PRIORITY_CLASH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConflictType fromWire(String value) {
        for (ConflictType t : values()) {
            if (t.wire().equals(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("conflict_type: unknown value '" + value
                + "' (allowed: merge_conflict, resource_contention, priority_clash)");
    }
}
