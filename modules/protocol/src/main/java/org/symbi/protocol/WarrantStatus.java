package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The room's answer to a warrant request: the action may run, waits for approvals, or may not run. */
public enum WarrantStatus {
    ALLOWED, PENDING, DENIED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static WarrantStatus fromWire(String value) {
        return Wire.enumValue(WarrantStatus.class, value, "status");
    }
}
