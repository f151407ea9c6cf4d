package org.symbi.sdk;

import org.symbi.protocol.Envelope;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Matches warrant decisions to the requests waiting for them. The room's first answer correlates with the
 * request's message id; when it is {@code pending}, the final answer comes later in a fresh message that
 * names only the approval request id, so the waiter moves to that id.
 */
final class WarrantWaiter {
    private final Map<String, CompletableFuture<WarrantDecision>> byRequestMessage = new HashMap<>();
    private final Map<String, CompletableFuture<WarrantDecision>> byApproval = new HashMap<>();

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
        CompletableFuture<WarrantDecision> f;
        synchronized (this) {
            f = message.correlationId() == null ? null : byRequestMessage.remove(message.correlationId());
            if (f == null && d.requestId() != null) {
                f = byApproval.remove(d.requestId());
            }
            if (f == null) {
                return false;
            }
            if (d.status() == WarrantStatus.PENDING && d.requestId() != null) {
                byApproval.put(d.requestId(), f);
                return true;
            }
        }
        f.complete(d);
        return true;
    }

    void failAll(Throwable why) {
        Map<String, CompletableFuture<WarrantDecision>> all = new HashMap<>();
        synchronized (this) {
            all.putAll(byRequestMessage);
            all.putAll(byApproval);
            byRequestMessage.clear();
            byApproval.clear();
        }
        all.values().forEach(f -> f.completeExceptionally(why));
    }
}
