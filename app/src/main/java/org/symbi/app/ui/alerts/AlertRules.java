package org.symbi.app.ui.alerts;

import org.symbi.app.ui.kit.Notifier.Severity;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.kernel.lock.ResolutionStrategy;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;

import java.util.Objects;

/**
 * Which kernel events are alerts, how serious each is and how it reads. Approval requests are not alerts:
 * the approval inbox shows them. Conflicts settled at once by priority are not either; those waiting for a
 * vote or a person's decision are.
 */
final class AlertRules {
    /** The guard that stops assigning work to an agent whose tasks keep failing. */
    private static final String CIRCUIT_OPEN = "circuit_open";

    private AlertRules() {
    }

    /** The alert an event raises, or null if it raises none. */
    static Alert alertFor(KernelEvent event) {
        return switch (event) {
            case KernelEvent.LocalAgentFailed e -> Alert.aboutAgent(Severity.ERROR, e.at(), e.agentId(),
                    "Local agent stopped: it failed more often than its restart budget allows",
                    "template " + e.templateId() + ", " + e.restarts() + " restarts; last: " + text(e.reason()));
            case KernelEvent.LocalAgentRestarted e -> Alert.aboutAgent(Severity.INFO, e.at(), e.agentId(),
                    "Local agent restarted", "restart " + e.restarts() + " (template " + e.templateId() + "): "
                            + text(e.reason()));
            case KernelEvent.AgentStatusChanged e when e.to() == AgentStatus.OFFLINE -> Alert.aboutAgent(
                    Severity.WARNING, e.at(), e.agentId(), "Agent went offline", text(e.reason()));
            case KernelEvent.GuardTripped e -> Alert.aboutAgent(
                    CIRCUIT_OPEN.equals(e.guard()) ? Severity.ERROR : Severity.WARNING, e.at(), e.agentId(),
                    "Guard tripped: " + e.guard(), text(e.detail()));
            case KernelEvent.ErrorReported e -> Alert.aboutAgent(Severity.ERROR, e.at(), e.agentId(),
                    "Error reported: " + e.code(), text(e.message())
                            + (e.refMessageId() == null ? "" : " (about message " + e.refMessageId() + ")"));
            case KernelEvent.MessageDeadLettered e -> Alert.aboutAgent(Severity.ERROR, e.at(), e.agentId(),
                    "Message dead-lettered", "message " + e.messageId() + " to " + e.agentId() + " after "
                            + e.attempts() + " deliveries: " + text(e.reason()));
            case KernelEvent.ConflictOpened e when ResolutionStrategy.VOTING.wire().equals(e.strategy()) -> new Alert(
                    Severity.WARNING, e.at(), String.join(", ", e.involvedAgents()), null, "Conflict awaiting a vote",
                    e.conflictType() + " on '" + e.resource() + "' between " + String.join(", ", e.involvedAgents()),
                    null, e.conflictId());
            case KernelEvent.EscalationOpened e -> new Alert(Severity.WARNING, e.at(), Envelope.ORCHESTRATOR, null,
                    "Conflict awaiting your decision", e.summary(), e.deadline(), e.conflictId());
            case KernelEvent.LedgerAuditFailed e -> new Alert(Severity.ERROR, e.at(), "ledger", null,
                    "Ledger verification failed", text(e.problem())
                            + (e.firstBadIndex() == null ? "" : " (first bad entry: " + e.firstBadIndex() + ")"),
                    null, null);
            default -> null;
        };
    }

    private static String text(String maybeNull) {
        return Objects.toString(maybeNull, "");
    }
}
