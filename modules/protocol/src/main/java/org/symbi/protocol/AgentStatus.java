package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An agent's availability as the registry sees it. */
public enum AgentStatus {
    AVAILABLE, BUSY, OFFLINE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static AgentStatus fromWire(String value) {
        return Wire.enumValue(AgentStatus.class, value, "agent_status");
    }
}
