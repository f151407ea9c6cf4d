package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The four priority lanes of the bus (seed 003: P0 critical ... P3 low). */
public enum Priority {
    CRITICAL, HIGH, NORMAL, LOW;

    private static final Priority[] BY_LANE = values();

    /** Lane index, 0 (critical) to 3 (low). */
    public int lane() {
        return ordinal();
    }

    public static Priority ofLane(int lane) {
        return BY_LANE[lane];
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Priority fromWire(String value) {
        return Wire.enumValue(Priority.class, value, "priority");
    }
}
