package org.symbi.kernel.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.symbi.kernel.events.EventStream;
import org.symbi.kernel.events.KernelEvent;
import org.symbi.ledger.EntryDraft;
import org.symbi.ledger.Ledger;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Appends the kernel's steps to the ledger: registrations, agents lost, task transitions and refused stale
 * results, locks, conflicts and escalations, guard trips and dead letters. Individual message traffic is not
 * recorded (the bus is its own durable record). Events are queued and appended in batches by one thread, so
 * the kernel's hot paths never wait for the ledger's disk sync.
 */
public final class LedgerRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerRecorder.class);
    private static final int BATCH = 512;
    /** The kinds of event that become ledger entries (see {@link #draftOf}); message traffic is not among them. */
    private static final List<Class<? extends KernelEvent>> RECORDED = List.of(KernelEvent.AgentRegistered.class,
            KernelEvent.AgentStatusChanged.class, KernelEvent.TaskStateChanged.class,
            KernelEvent.StaleResultRefused.class, KernelEvent.LockAcquired.class, KernelEvent.LockReleased.class,
            KernelEvent.ConflictOpened.class, KernelEvent.ConflictResolved.class, KernelEvent.VoteCast.class,
            KernelEvent.EscalationOpened.class,
            KernelEvent.GuardTripped.class, KernelEvent.MessageDeadLettered.class);

    private final Ledger ledger;
    private final ObjectMapper json;
    /** People (approvers) who act in the kernel, such as voters on a conflict. */
    private final Predicate<String> isPerson;
    private final BlockingQueue<EntryDraft> queue = new ArrayBlockingQueue<>(65_536);
    private final Thread thread;
    private final List<EventStream.Subscription> subscriptions;
    private volatile boolean closing;

    public LedgerRecorder(Ledger ledger, ObjectMapper json, EventStream events, Predicate<String> isPerson) {
        this.ledger = ledger;
        this.json = json;
        this.isPerson = isPerson;
        this.thread = Thread.ofPlatform().name("symbi-ledger-recorder").daemon(true).start(this::run);
        this.subscriptions = RECORDED.stream().map(type -> events.subscribe(type, this::onEvent)).toList();
    }

    private void onEvent(KernelEvent event) {
        EntryDraft draft = draftOf(event);
        if (draft == null) {
            return;
        }
        try {
            // Blocking here slows the kernel to the ledger's pace rather than dropping audit records.
            queue.put(draft);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ledger entry for an event, or null for events that are not recorded. */
    EntryDraft draftOf(KernelEvent event) {
        return switch (event) {
            case KernelEvent.AgentRegistered e -> draft(e.card().agentId(), "agent.register", e.card().agentId(),
                    "registered", json.valueToTree(e.card()));
            case KernelEvent.AgentStatusChanged e when e.to() == AgentStatus.OFFLINE ->
                    draft(Envelope.ORCHESTRATOR, "agent.offline", e.agentId(), "offline", payload().put("reason", e.reason()));
            case KernelEvent.TaskStateChanged e -> draft(e.agentId() != null ? e.agentId() : Envelope.ORCHESTRATOR,
                    "task." + e.to().wire(), e.taskId(), e.to().wire(), payload()
                            .put("from", e.from() == null ? null : e.from().wire()).put("epoch", e.epoch())
                            .put("workflow_id", e.workflowId()).put("title", e.title()).put("detail", e.detail()));
            case KernelEvent.StaleResultRefused e -> draft(e.agentId(), "task.result", e.taskId(), "refused_stale",
                    payload().put("result_epoch", e.resultEpoch()).put("current_epoch", e.currentEpoch()));
            case KernelEvent.LockAcquired e -> draft(e.holder(), "lock.acquire", e.resource(), "granted",
                    payload().put("lease_until", e.leaseUntil().toEpochMilli()));
            case KernelEvent.LockReleased e -> draft(e.holder(), "lock.release", e.resource(), "released",
                    payload().put("reason", e.reason()));
            case KernelEvent.ConflictOpened e -> draft(Envelope.ORCHESTRATOR, "conflict.open", e.conflictId(), "opened",
                    payload().put("type", e.conflictType()).put("resource", e.resource()).put("strategy", e.strategy())
                            .set("involved_agents", json.valueToTree(e.involvedAgents())));
            case KernelEvent.ConflictResolved e -> draft(Envelope.ORCHESTRATOR, "conflict.resolve", e.conflictId(),
                    "resolved", payload().put("winner", e.winner()).put("outcome", e.outcome()).put("strategy", e.strategy()));
            case KernelEvent.VoteCast e -> draft(e.voterId(), "conflict.vote", e.conflictId(), e.choice(),
                    payload().put("choice", e.choice()));
            case KernelEvent.EscalationOpened e -> draft(Envelope.ORCHESTRATOR, "conflict.escalate", e.escalationId(),
                    "escalated", payload().put("conflict_id", e.conflictId()).put("summary", e.summary())
                            .put("deadline", e.deadline().toEpochMilli()));
            case KernelEvent.GuardTripped e -> draft(Envelope.ORCHESTRATOR, "guard." + e.guard(), e.agentId(), "refused",
                    payload().put("detail", e.detail()));
            case KernelEvent.MessageDeadLettered e -> draft(Envelope.ORCHESTRATOR, "message.dead_letter", e.messageId(),
                    "dead_lettered", payload().put("recipient", e.agentId()).put("attempts", e.attempts())
                            .put("reason", e.reason()));
            default -> null;
        };
    }

    private ObjectNode payload() {
        return json.createObjectNode();
    }

    private EntryDraft draft(String actor, String action, String subject, String outcome, JsonNode payload) {
        return new EntryDraft(LedgerAudit.actorOf(actor, isPerson), action, subject, outcome, payload, null);
    }

    private void run() {
        List<EntryDraft> batch = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                EntryDraft first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                ledger.appendBatch(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The ledger refused or failed to store the batch: say so loudly and keep the recorder alive.
                LOG.error("could not append {} kernel events to the ledger", batch.size(), e);
            }
            batch.clear();
        }
    }

    /** Stops recording and appends what is still queued. */
    @Override
    public void close() {
        subscriptions.forEach(EventStream.Subscription::close);
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
