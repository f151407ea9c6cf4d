package org.symbi.kernel.bus;

import org.symbi.protocol.Envelope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request/response by correlation id. A message with {@code requires_response} is remembered until a
 * message whose {@code correlation_id} names it comes back, or its deadline passes; the kernel then tells
 * the requester with an error report. In-process requesters get a future instead.
 */
public final class Correlations {
    /** A request still waiting for its response. */
    public record Pending(Envelope request, long deadlineMillis, CompletableFuture<Envelope> response) {
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** Remembers a request; the returned future completes with the response. */
    public CompletableFuture<Envelope> track(Envelope request, long deadlineMillis) {
        Pending p = new Pending(request, deadlineMillis, new CompletableFuture<>());
        pending.put(request.messageId(), p);
        return p.response();
    }

    /** Matches a response to its request; true when it answered one that was waiting. */
    public boolean resolve(Envelope response) {
        String id = response.correlationId();
        if (id == null) {
            return false;
        }
        Pending p = pending.remove(id);
        if (p == null) {
            return false;
        }
        p.response().complete(response);
        return true;
    }

    /** Removes and returns the requests whose deadline has passed. */
    public List<Pending> expire(long nowMillis) {
        List<Pending> out = new ArrayList<>();
        pending.values().removeIf(p -> {
            if (p.deadlineMillis() <= nowMillis) {
                out.add(p);
                return true;
            }
            return false;
        });
        return out;
    }

    public int size() {
        return pending.size();
    }
}
