package org.symbi.sdk;

import org.symbi.protocol.DeliveryClass;
import org.symbi.protocol.Envelope;
import org.symbi.protocol.RoomFrame;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sent envelopes waiting for the room's receipt. Durable ones survive a lost connection and are sent again
 * with the same message id (the room deduplicates, answering {@code duplicate}); transient ones fail then,
 * as the room would not have kept them either.
 */
final class Outbox {
    record Pending(Envelope envelope, String frame, CompletableFuture<RoomFrame.Receipt> receipt) {
    }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Executor completions;

    /**
     * @param completions where the senders' futures are completed: by default not the thread that read the receipt,
     *                    so that a caller's continuation, which may block or send and wait, cannot hold up the
     *                    connection
     */
    Outbox(Executor completions) {
        this.completions = completions;
    }

    synchronized CompletableFuture<RoomFrame.Receipt> track(Envelope envelope, String frame) {
        Pending existing = pending.get(envelope.messageId());
        if (existing != null) {
            return existing.receipt();
        }
        Pending p = new Pending(envelope, frame, new CompletableFuture<>());
        pending.put(envelope.messageId(), p);
        return p.receipt();
    }

    /** Completes the send the receipt answers; false when none waits for it. */
    boolean receipt(RoomFrame.Receipt r) {
        Pending p = remove(r.messageId());
        if (p == null) {
            return false;
        }
        if (r.outcome() == RoomFrame.Outcome.REFUSED) {
            fail(p, new RefusedException(r.messageId(), r.code(), r.reason()));
        } else {
            p.receipt().completeAsync(() -> r, completions);
        }
        return true;
    }

    /** Fails the send an error frame names; false when none waits for it. */
    boolean error(RoomFrame.Error e) {
        Pending p = e.refMessageId() == null ? null : remove(e.refMessageId());
        if (p == null) {
            return false;
        }
        fail(p, new RefusedException(e.refMessageId(), e.code(), e.message()));
        return true;
    }

    /** The frames to send again on a new connection, oldest first. */
    synchronized List<String> resendable() {
        return pending.values().stream().map(Pending::frame).toList();
    }

    /** After a lost connection: transient sends fail, durable ones wait for the next connection. */
    void connectionLost(Throwable why) {
        failWhere(p -> p.envelope().effectiveDelivery() == DeliveryClass.TRANSIENT, why);
    }

    void failAll(Throwable why) {
        failWhere(p -> true, why);
    }

    synchronized int size() {
        return pending.size();
    }

    private synchronized Pending remove(String messageId) {
        return pending.remove(messageId);
    }

    private void failWhere(java.util.function.Predicate<Pending> which, Throwable why) {
        List<Pending> failed = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (which.test(p)) {
                    failed.add(p);
                    it.remove();
                }
            }
        }
        failed.forEach(p -> fail(p, why));
    }

    private void fail(Pending p, Throwable why) {
        completions.execute(() -> p.receipt().completeExceptionally(why));
    }
}
