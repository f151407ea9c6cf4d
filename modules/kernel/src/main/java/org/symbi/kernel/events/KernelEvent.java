package org.symbi.kernel.events;

import org.symbi.protocol.AgentCard;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.Priority;
import org.symbi.protocol.TaskStatus;
import org.symbi.protocol.TraceStep;

import java.time.Instant;
import java.util.List;

/**
 * Everything the kernel tells the outside world, as one closed family of immutable records. A UI, the
 * metrics collector or a log subscribes to {@link EventStream}; no event carries a mutable kernel object.
 */
public sealed interface KernelEvent {
    Instant at();

    // --- agents ---------------------------------------------------------------------------------------
    record AgentRegistered(Instant at, AgentCard card) implements KernelEvent {
    }

    record AgentStatusChanged(Instant at, String agentId, AgentStatus from, AgentStatus to, String reason)
            implements KernelEvent {
    }

    record AgentLoadChanged(Instant at, String agentId, double load, int activeTasks) implements KernelEvent {
    }

    /** A local agent the room supervises was started again after it exited or went silent. */
    record LocalAgentRestarted(Instant at, String agentId, String templateId, int restarts, String reason)
            implements KernelEvent {
    }

    /** The room gave up on a local agent: it failed more often than its restart budget allows. */
    record LocalAgentFailed(Instant at, String agentId, String templateId, int restarts, String reason)
            implements KernelEvent {
    }

    // --- messages -------------------------------------------------------------------------------------
    /** A message was accepted onto the bus for these recipients (after dedup and guards). */
    record MessageAccepted(Instant at, String messageId, String fromAgent, List<String> recipients,
                           MessageType type, Priority priority, DeliveryClass delivery, String topic)
            implements KernelEvent {
    }

    record MessageDelivered(Instant at, String agentId, String messageId, long deliveryId, int attempt)
            implements KernelEvent {
    }

    record MessageAcked(Instant at, String agentId, String messageId, long deliveryId, long latencyMicros)
            implements KernelEvent {
    }

    record MessageDeadLettered(Instant at, String agentId, String messageId, int attempts, String reason)
            implements KernelEvent {
    }

    /** A message the kernel would not take, with the stable refusal code the sender also got. */
    record MessageRefused(Instant at, String messageId, String fromAgent, String code, String reason)
            implements KernelEvent {
    }

    /** A transient message that had nowhere to go (recipient offline or its in-memory lane full). */
    record MessageDropped(Instant at, String agentId, String messageId, String reason) implements KernelEvent {
    }

    // --- guards ---------------------------------------------------------------------------------------
    record GuardTripped(Instant at, String agentId, String guard, String detail) implements KernelEvent {
    }

    // --- tasks ----------------------------------------------------------------------------------------
    record TaskStateChanged(Instant at, String taskId, String workflowId, String title, TaskStatus from,
                            TaskStatus to, String agentId, long epoch, String detail) implements KernelEvent {
    }

    /** A result for an assignment that is no longer current: recorded, never applied. */
    record StaleResultRefused(Instant at, String taskId, String agentId, long resultEpoch, long currentEpoch)
            implements KernelEvent {
    }

    // --- locks and conflicts --------------------------------------------------------------------------
    record LockAcquired(Instant at, String resource, String holder, Instant leaseUntil) implements KernelEvent {
    }

    record LockReleased(Instant at, String resource, String holder, String reason) implements KernelEvent {
    }

    record ConflictOpened(Instant at, String conflictId, String conflictType, String resource,
                          List<String> involvedAgents, String strategy) implements KernelEvent {
    }

    record ConflictResolved(Instant at, String conflictId, String winner, String outcome, String strategy)
            implements KernelEvent {
    }

    /** A ballot on a conflict settled by vote, from an agent or a person. */
    record VoteCast(Instant at, String conflictId, String voterId, String choice) implements KernelEvent {
    }

    /** A conflict waiting for a person: the UI shows it until it is decided or times out. */
    record EscalationOpened(Instant at, String escalationId, String conflictId, String summary,
                            Instant deadline) implements KernelEvent {
    }

    // --- traces ---------------------------------------------------------------------------------------
    record TraceRecorded(Instant at, String agentId, TraceStep step) implements KernelEvent {
    }

    // --- warrants ---------------------------------------------------------------------------------------
    /** A gated action waits for approvals: the approval inbox shows it. */
    record ApprovalRequested(Instant at, String requestId, String agentId, String kind, String bindingHash,
                             String canonicalAction, String reasoning, int required) implements KernelEvent {
    }

    /** An approver signed a decision on a request; {@code quorum} reads like "1 of 2". */
    record ApprovalSigned(Instant at, String requestId, String approverId, String verdict, String signature,
                          String quorum) implements KernelEvent {
    }

    /** A request left the inbox: approved, denied, expired or used. */
    record ApprovalSettled(Instant at, String requestId, String agentId, String status) implements KernelEvent {
    }

    /** An agent reported an error to the orchestrator. */
    record ErrorReported(Instant at, String agentId, String code, String message, String refMessageId)
            implements KernelEvent {
    }

    // --- requests -------------------------------------------------------------------------------------
    /**
     * A person's request moved on: planned, confirmed, discarded, or ended with its report.
     *
     * @param status the request's status as its wire name ({@code RequestStatus.wire()})
     */
    record RequestChanged(Instant at, String requestId, String status, String detail)
            implements KernelEvent {
    }

    // --- ledger ---------------------------------------------------------------------------------------
    /**
     * Verifying the ledger found it tampered with or incomplete.
     *
     * @param firstBadIndex the lowest entry found bad, or null when the problem is a checkpoint
     */
    record LedgerAuditFailed(Instant at, long entriesChecked, Long firstBadIndex, String problem)
            implements KernelEvent {
    }
}
