package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The tier an agent works in (seed 003), used to group the topology. */
public enum Tier {
    MANAGER, SPECIALIST, WORKER, MONITOR;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Tier fromWire(String value) {
        return Wire.enumValue(Tier.class, value, "tier");
    }
}
