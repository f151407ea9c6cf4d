package org.symbi.app.ui.alerts;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.symbi.app.ui.kit.Notifier.Severity;

import java.time.Instant;

/**
 * Something the kernel, the health monitor or the audit raised for a person to see. Acknowledging it keeps it
 * in the list but takes it out of the unacknowledged count.
 */
public final class Alert {
    private final Severity severity;
    private final Instant at;
    private final String source;
    private final String agentId;
    private final String title;
    private final String detail;
    private final Instant deadline;
    private final String conflictId;
    private final ReadOnlyBooleanWrapper acknowledged = new ReadOnlyBooleanWrapper(false);

    /**
     * @param source     who raised it or what it is about: an agent id, or a part of the room
     * @param agentId    the agent it is about, or null
     * @param deadline   when a decision it waits for falls back to a default, or null
     * @param conflictId the conflict whose resolution settles it, or null
     */
    Alert(Severity severity, Instant at, String source, String agentId, String title, String detail,
          Instant deadline, String conflictId) {
        this.severity = severity;
        this.at = at;
        this.source = source;
        this.agentId = agentId;
        this.title = title;
        this.detail = detail;
        this.deadline = deadline;
        this.conflictId = conflictId;
    }

    /** An alert about one agent. */
    static Alert aboutAgent(Severity severity, Instant at, String agentId, String title, String detail) {
        return new Alert(severity, at, agentId, agentId, title, detail, null, null);
    }

    public Severity severity() {
        return severity;
    }

    public Instant at() {
        return at;
    }

    public String source() {
        return source;
    }

    public String agentId() {
        return agentId;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public Instant deadline() {
        return deadline;
    }

    String conflictId() {
        return conflictId;
    }

    public ReadOnlyBooleanProperty acknowledgedProperty() {
        return acknowledged.getReadOnlyProperty();
    }

    public boolean isAcknowledged() {
        return acknowledged.get();
    }

    /** Marks it acknowledged; false if it already was. */
    boolean acknowledge() {
        if (acknowledged.get()) {
            return false;
        }
        acknowledged.set(true);
        return true;
    }
}
