package org.symbi.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle of a task: pending until its dependencies are done, then ready, assigned, running, and an end state. */
public enum TaskStatus {
    PENDING, READY, ASSIGNED, RUNNING, COMPLETED, FAILED, CANCELLED, TIMED_OUT, BLOCKED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static TaskStatus fromWire(String value) {
        return Wire.enumValue(TaskStatus.class, value, "task_status");
    }
}
