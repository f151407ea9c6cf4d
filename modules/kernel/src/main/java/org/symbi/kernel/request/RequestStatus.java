package org.symbi.kernel.request;

import java.util.Locale;

/** Where a person's request stands, from planning to its completion report. */
public enum RequestStatus {
    /** The planner is turning the request into a plan. */
    PLANNING,
    /** The plan is ready; a person confirms it (or discards it) before anything runs. */
    AWAITING_CONFIRMATION,
    /** Confirmed: the workflow runs under the plan's phase warrants. */
    RUNNING,
    /** Every task of the workflow completed. */
    COMPLETED,
    /** Planning failed, or a task of the workflow ended without completing. */
    FAILED,
    /** A person discarded the plan; nothing ran. */
    DISCARDED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RequestStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    public boolean open() {
        return this == PLANNING || this == AWAITING_CONFIRMATION || this == RUNNING;
    }
}
