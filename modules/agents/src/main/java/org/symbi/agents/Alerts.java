package org.symbi.agents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolCodec;
import org.symbi.protocol.TraceKind;
import org.symbi.protocol.TraceStep;
import org.symbi.sdk.AgentClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a monitor raises an alert: an {@code error_report} to the orchestrator with a stable code (the room's
 * Alerts view shows every reported error), and the decision in the monitor's trace with what it measured.
 * The same code about the same subject is raised again only after a cooldown, so a condition that lasts
 * does not flood the room.
 */
public final class Alerts {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final Clock clock;
    private final Duration cooldown;
    private final Map<String, Instant> lastRaised = new ConcurrentHashMap<>();

    public Alerts(Clock clock, Duration cooldown) {
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /** Whether an alert of this code about this subject would go out now, rather than wait out its cooldown. */
    public boolean due(String code, String subject) {
        Instant last = lastRaised.get(code + " " + subject);
        return last == null || !clock.instant().isBefore(last.plus(cooldown));
    }

    /**
     * Raises the alert unless the same code about the same subject was raised within the cooldown.
     *
     * @param taskId the task the check ran for, or null when it ran for none (the room keeps traces with
     *               tasks, so then the alert is not traced)
     * @param detail what was measured, kept with the decision in the trace
     * @return whether the alert went out
     */
    public boolean raise(AgentClient client, String code, String subject, String message, String taskId,
                         ObjectNode detail) {
        if (!due(code, subject)) {
            return false;
        }
        lastRaised.put(code + " " + subject, clock.instant());
        if (taskId != null) {
            client.trace(decision(taskId, "alert " + code + ": " + message,
                    detail.put("code", code).put("subject", subject)));
        }
        report(client, code, message);
        return true;
    }

    /** Reports an error to the orchestrator, which the room shows as an alert; no cooldown, no trace. */
    public static void report(AgentClient client, String code, String message) {
        client.send(Envelope.builder().fromAgent(client.agentId()).toAgent(Envelope.ORCHESTRATOR)
                .messageType(MessageType.ERROR_REPORT).payload(CODEC.toPayload(new ErrorReport(code, message, null)))
                .build());
    }

    /** Forgets that this alert was raised: the condition is over, so its next occurrence is news again. */
    public void clear(String code, String subject) {
        lastRaised.remove(code + " " + subject);
    }

    /** A decision step with structured detail ({@code Trace.decision} carries none). */
    public static TraceStep decision(String taskId, String text, ObjectNode detail) {
        return new TraceStep(taskId, null, TraceKind.DECISION, text, detail, null, null, null);
    }
}
