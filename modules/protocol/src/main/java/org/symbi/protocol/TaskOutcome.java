package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How an agent reports the end of its work on a task. */
public enum TaskOutcome {
    SUCCESS, FAILURE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static TaskOutcome fromWire(String value) {
        return Wire.enumValue(TaskOutcome.class, value, "task_outcome");
    }
}
