package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of reasoning-trace step an agent reports. */
public enum TraceKind {
    THOUGHT, TOOL_CALL, OBSERVATION, LLM_PROMPT, LLM_RESPONSE, DECISION;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static TraceKind fromWire(String value) {
        return Wire.enumValue(TraceKind.class, value, "trace_kind");
    }
}
