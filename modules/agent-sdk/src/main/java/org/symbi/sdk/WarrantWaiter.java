package org.symbi.sdk;

import org.symbi.protocol.Envelope;
import org.symbi.protocol.WarrantDecision;
import org.symbi.protocol.WarrantStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Matches warrant decisions to the requests waiting for them. The room's first answer correlates with the
 * request's message id; when it is {@code pending}, the final answer comes later in a fresh message that
 * names only the approval request id, so the waiter moves to that id. Requests for the same action while
 * one is pending are answered with the same approval request, so several may wait for one id.
 *
 * <p>The final answer can come first: an approver may decide before the room has answered the request, and
 * a request for an action whose approval was already decided is answered {@code pending} with that settled
 * approval. So the latest final decisions are remembered by approval request id, and a pending answer that
 * names one of them completes at once.
 */
final class WarrantWaiter {
    /** How many final decisions are remembered; far more than there are requests waiting at one time. */
    static final int REMEMBERED = 256;

    private final Executor completions;
    private final Map<String, CompletableFuture<WarrantDecision>> byRequestMessage = new HashMap<>();
    private final Map<String, List<CompletableFuture<WarrantDecision>>> byApproval = new HashMap<>();
    private final SequencedMap<String, WarrantDecision> settled = new LinkedHashMap<>();

    /** @param completions where waiting requests are completed (the client's callback executor) */
    WarrantWaiter(Executor completions) {
        this.completions = completions;
    }

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

    /**
     * Takes a decision for this client's requests. False when nobody waits for it and no request still
     * waits for its first answer, so it cannot be for one of them.
     */
    boolean offer(Envelope message, WarrantDecision d) {
        boolean isFinal = d.status() != WarrantStatus.PENDING;
        List<CompletableFuture<WarrantDecision>> answered;
        WarrantDecision answer = d;
        synchronized (this) {
            if (isFinal && d.requestId() != null) {
                remember(d);
            }
            CompletableFuture<WarrantDecision> first = message.correlationId() == null ? null
                    : byRequestMessage.remove(message.correlationId());
            if (first != null) {
                answered = List.of(first);
            } else {
                answered = d.requestId() == null ? null : byApproval.remove(d.requestId());
                if (answered == null) {
                    return isFinal && !byRequestMessage.isEmpty();
                }
            }
            if (!isFinal && d.requestId() != null) {
                WarrantDecision decided = settled.get(d.requestId());
                if (decided == null) {
                    byApproval.computeIfAbsent(d.requestId(), id -> new ArrayList<>()).addAll(answered);
                    return true;
                }
                answer = decided;
            }
        }
        WarrantDecision result = answer;
        answered.forEach(f -> f.completeAsync(() -> result, completions));
        return true;
    }

    private void remember(WarrantDecision d) {
        settled.remove(d.requestId());
        settled.put(d.requestId(), d);
        if (settled.size() > REMEMBERED) {
            settled.pollFirstEntry();
        }
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
