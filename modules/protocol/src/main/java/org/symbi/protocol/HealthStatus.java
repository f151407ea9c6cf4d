package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Overall health of the system, derived as docs/metrics.md describes. */
public enum HealthStatus {
    HEALTHY, DEGRADED, CRITICAL;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static HealthStatus fromWire(String value) {
        return Wire.enumValue(HealthStatus.class, value, "health_status");
    }
}
