package org.symbi.agents.planner;

/** No valid plan could be made for a request. */
public final class PlanningException extends RuntimeException {
    public PlanningException(String message) {
        super(message);
    }

    public PlanningException(String message, Throwable cause) {
        super(message, cause);
    }
}
