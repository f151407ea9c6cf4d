package org.symbi.sdk;

import org.symbi.protocol.Envelope;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Matches warrant decisions to the requests waiting for them. The room's first answer correlates with the
 * request's message id; when it is {@code pending}, the final answer comes later in a fresh message that
 * names only the approval request id, so the waiter moves to that id. Requests for the same action while
 * one is pending are answered with the same approval request, so several may wait for one id.
 */
final class WarrantWaiter {
    private final Map<String, CompletableFuture<WarrantDecision>> byRequestMessage = new HashMap<>();
    private final Map<String, List<CompletableFuture<WarrantDecision>>> byApproval = new HashMap<>();

    synchronized void expect(String requestMessageId, CompletableFuture<WarrantDecision> decision) {
        byRequestMessage.put(requestMessageId, decision);
    }

    /** The request could not be sent or was refused: nobody will decide it. */
    void fail(String requestMessageId, Throwable why) {
        CompletableFuture<WarrantDecision> f;
        synchronized (this) {
            f = byRequestMessage.remove(requestMessageId);
        }
        if (f != null) {
            f.completeExceptionally(why);
        }
    }

    /** Takes a decision for a waiting request; false when nobody waits for it. */
    boolean offer(Envelope message, WarrantDecision d) {
        List<CompletableFuture<WarrantDecision>> answered;
        synchronized (this) {
            CompletableFuture<WarrantDecision> first = message.correlationId() == null ? null
                    : byRequestMessage.remove(message.correlationId());
            answered = first != null ? new ArrayList<>(List.of(first))
                    : d.requestId() == null ? null : byApproval.remove(d.requestId());
            if (answered == null) {
                return false;
            }
            if (d.status() == WarrantStatus.PENDING && d.requestId() != null) {
                byApproval.computeIfAbsent(d.requestId(), id -> new ArrayList<>()).addAll(answered);
                return true;
            }
        }
        answered.forEach(f -> f.complete(d));
        return true;
    }

    void failAll(Throwable why) {
        List<CompletableFuture<WarrantDecision>> all = new ArrayList<>();
        synchronized (this) {
            all.addAll(byRequestMessage.values());
            byApproval.values().forEach(all::addAll);
            byRequestMessage.clear();
            byApproval.clear();
        }
        all.forEach(f -> f.completeExceptionally(why));
    }
}
