package org.symbi.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import org.symbi.kernel.audit.TrustReceiptLedger;
import org.symbi.kernel.bus.SendResult;
import org.symbi.kernel.guard.Guards;
import org.symbi.kernel.lock.LockOutcome;
import org.symbi.kernel.registry.UnknownAgentException;
import org.symbi.kernel.task.ResultHandling;
import org.symbi.kernel.warrant.NoWarrantException;
import org.symbi.ledger.LedgerException;
import org.symbi.protocol.Ack;
import org.symbi.protocol.ActionReport;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.ErrorReport;
import org.symbi.protocol.LockRequest;
import org.symbi.protocol.MessageType;
import org.symbi.protocol.ProtocolException;
import org.symbi.protocol.Recipients;
import org.symbi.protocol.StatusReport;
import org.symbi.protocol.Subscription;
import org.symbi.protocol.TaskResult;
import org.symbi.protocol.TraceStep;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantRequest;
import org.symbi.store.StoreException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sorts what agents send: guards first, then messages for the kernel itself (registration, heartbeats,
 * acks, subscriptions, traces, locks, task results), then everything else onto the bus.
 */
final class InboundRouter {
    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    private final Kernel kernel;
    /** The agent whose lock request is being answered on this thread: it gets the reply, not a notice. */
    private final ThreadLocal<String> lockRequester = new ThreadLocal<>();
    private final TrustReceiptLedger trustReceipts;

    InboundRouter(Kernel kernel) {
        this.kernel = kernel;
        this.trustReceipts = new TrustReceiptLedger(kernel.ledger(), kernel.codec().mapper());
        new LockNotices(kernel, lockRequester::get);
    }

    CompletableFuture<SendResult> receive(Envelope e) {
        if (e.messageType().roomOnly()) {
            return done(SendResult.refused(e.messageId(), "reserved_type",
                    e.messageType().wire() + " messages come from the room only"));
        }
        // Strangers are turned away before any per-agent state (rate limiters, counters) is made for them.
        if (e.messageType() != MessageType.REGISTER && !kernel.registry().isKnown(e.fromAgent())) {
            return done(SendResult.refused(e.messageId(), "unknown_agent",
                    "sender '" + e.fromAgent() + "' is not registered; send a register message first"));
        }
        Guards.Refusal refusal = kernel.guards().check(e);
        if (refusal != null) {
            return done(SendResult.refused(e.messageId(), refusal.code(), refusal.reason()));
        }
        boolean forKernel = e.messageType().route() == MessageType.Route.KERNEL
                || e.toAgent() instanceof Recipients.Direct d && Envelope.ORCHESTRATOR.equals(d.agentId());
        if (!forKernel) {
            try {
                recordTrustReceipt(e);
            } catch (IllegalArgumentException bad) {
                return done(SendResult.refused(e.messageId(), "invalid_value", bad.getMessage()));
            } catch (LedgerException | StoreException s) {
                return done(SendResult.refused(e.messageId(), "storage_error", s.getMessage()));
            }
            return kernel.bus().send(e).thenApply(r -> {
                if (r.outcome() == SendResult.Outcome.ACCEPTED) {
                    correlate(e);
                }
                return r;
            });
        }
        boolean durable = e.effectiveDelivery() == DeliveryClass.DURABLE;
        if (durable && !kernel.bus().remember(e)) {
            return done(SendResult.duplicate(e.messageId()));
        }
        try {
            recordTrustReceipt(e);
            CompletableFuture<SendResult> answer = handle(e);
            kernel.bus().correlations().resolve(e);
            if (durable) {
                // What the kernel stored for this message is on the disk before the sender hears "accepted".
                kernel.bus().syncToDisk();
            }
            return answer;
        } catch (ProtocolException p) {
            return refusedAfterAll(e, durable, p.code().wire(), p.getMessage());
        } catch (UnknownAgentException u) {
            return refusedAfterAll(e, durable, "unknown_agent", u.getMessage());
        } catch (IllegalArgumentException | IllegalStateException bad) {
            return refusedAfterAll(e, durable, "invalid_value", bad.getMessage());
        } catch (NoWarrantException w) {
            return refusedAfterAll(e, durable, "no_warrant", w.getMessage());
        } catch (LedgerException | StoreException s) {
            return refusedAfterAll(e, durable, "storage_error", s.getMessage());
        }
    }

    /**
     * A message that carries its sender's trust receipt is taken only once the receipt is in the ledger. A resend
     * of a message the bus has taken already records it again; kernel-bound durable messages are deduplicated first.
     */
    private void recordTrustReceipt(Envelope e) {
        if (e.trustReceipt() != null) {
            trustReceipts.record(e.fromAgent(), e.trustReceipt());
        }
    }

    /** Requests are tracked and responses matched only once the bus has taken them. */
    private void correlate(Envelope e) {
        kernel.bus().correlations().resolve(e);
        if (e.requiresResponse()) {
            kernel.bus().correlations().track(e, kernel.clock().millis() + kernel.config().responseTimeout().toMillis());
        }
    }

    /** A refused message was not taken: a resend with the same id must be considered afresh. */
    private CompletableFuture<SendResult> refusedAfterAll(Envelope e, boolean remembered, String code, String reason) {
        if (remembered) {
            kernel.bus().forget(e);
        }
        return done(SendResult.refused(e.messageId(), code, reason));
    }

    private CompletableFuture<SendResult> handle(Envelope e) {
        var codec = kernel.codec();
        String from = e.fromAgent();
        switch (e.messageType()) {
            case REGISTER -> {
                AgentCard card = codec.payloadAs(e, AgentCard.class);
                if (!from.equals(card.agentId())) {
                    throw new IllegalArgumentException("from_agent '" + from + "' registers a card for '"
                            + card.agentId() + "'; an agent registers itself only");
                }
                kernel.registry().register(card);
            }
            case HEARTBEAT, STATUS_UPDATE -> {
                if (!kernel.registry().heartbeat(from, codec.payloadAs(e, StatusReport.class)).online()) {
                    kernel.agentLost(from); // the agent said goodbye
                }
            }
            case ACK -> {
                List<String> stale = new ArrayList<>();
                for (String id : codec.payloadAs(e, Ack.class).deliveryIds()) {
                    if (!ackOne(from, id)) {
                        stale.add(id);
                    }
                }
                if (!stale.isEmpty()) {
                    return done(SendResult.refused(e.messageId(), "stale_ack",
                            "not acknowledged (unknown, or an earlier attempt that was delivered again): " + stale));
                }
            }
            case SUBSCRIBE -> codec.payloadAs(e, Subscription.class).topics().forEach(t -> kernel.bus().subscribe(from, t));
            case UNSUBSCRIBE -> codec.payloadAs(e, Subscription.class).topics().forEach(t -> kernel.bus().unsubscribe(from, t));
            case TRACE_STEP -> kernel.traces().record(from, codec.payloadAs(e, TraceStep.class));
            case RESOURCE_LOCK -> {
                LockRequest req = codec.payloadAs(e, LockRequest.class);
                Duration lease = req.leaseMs() != null ? Duration.ofMillis(req.leaseMs()) : DEFAULT_LEASE;
                LockOutcome outcome = asRequester(from, () -> kernel.locks().acquire(from, req.resource(), lease, e.priority()));
                reply(e, MessageType.RESOURCE_LOCK, codec.toPayload(outcome));
            }
            case RESOURCE_RELEASE -> {
                LockRequest req = codec.payloadAs(e, LockRequest.class);
                LockOutcome outcome = asRequester(from, () -> kernel.locks().release(from, req.resource()));
                reply(e, MessageType.RESOURCE_RELEASE, codec.toPayload(outcome));
            }
            case TASK_RESPONSE -> {
                TaskResult result = codec.payloadAs(e, TaskResult.class);
                if (kernel.tasks().onResult(from, result) == ResultHandling.STALE) {
                    return done(SendResult.refused(e.messageId(), "stale_result", "task '" + result.taskId()
                            + "' is no longer assigned to you under epoch " + result.epoch()
                            + " (it was reassigned or ended); the result was recorded, not applied"));
                }
            }
            case ERROR_REPORT -> kernel.traces().recordError(from, codec.payloadAs(e, ErrorReport.class));
            case WARRANT_REQUEST -> {
                WarrantDecision decision = kernel.warrants().request(from, codec.payloadAs(e, WarrantRequest.class));
                reply(e, MessageType.WARRANT_DECISION, codec.toPayload(decision));
            }
            case ACTION_REPORT -> kernel.warrants().report(from, codec.payloadAs(e, ActionReport.class));
            default -> throw new IllegalArgumentException(e.messageType().wire()
                    + " messages are for agents; the orchestrator does not take them");
        }
        return done(SendResult.accepted(e.messageId(), List.of(Envelope.ORCHESTRATOR)));
    }

    private LockOutcome asRequester(String agentId, java.util.function.Supplier<LockOutcome> call) {
        lockRequester.set(agentId);
        try {
            return call.get();
        } finally {
            lockRequester.remove();
        }
    }

    private boolean ackOne(String agentId, String deliveryId) {
        try {
            return kernel.bus().ack(agentId, Long.parseLong(deliveryId));
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private void reply(Envelope request, MessageType type, JsonNode payload) {
        kernel.sendAsKernel(request.caused()
                .fromAgent(Envelope.ORCHESTRATOR)
                .toAgent(request.fromAgent())
                .messageType(type)
                .correlationId(request.messageId())
                .payload(payload)
                .timestamp(kernel.clock().millis())
                .build());
    }

    private static CompletableFuture<SendResult> done(SendResult r) {
        return CompletableFuture.completedFuture(r);
    }
}
