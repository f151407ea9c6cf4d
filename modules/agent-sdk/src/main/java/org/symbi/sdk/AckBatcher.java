package org.symbi.sdk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Collects delivery ids and acknowledges them together: one {@code ack} when {@code batchSize} ids are
 * waiting, or {@code delay} after the first of them, whichever comes first. Saves the room one message per
 * delivery under load while keeping the ack latency small when it is quiet.
 */
final class AckBatcher {
    /** The most ids one ack may carry (ack.schema.json). */
    static final int MAX_IDS = 1024;

    private final int batchSize;
    private final Duration delay;
    private final ScheduledExecutorService timer;
    private final Consumer<List<String>> send;
    private List<String> waiting = new ArrayList<>();
    private ScheduledFuture<?> due;

    AckBatcher(int batchSize, Duration delay, ScheduledExecutorService timer, Consumer<List<String>> send) {
        if (batchSize < 1 || batchSize > MAX_IDS) {
            throw new IllegalArgumentException("ack batch size must be 1 to " + MAX_IDS + ", got " + batchSize);
        }
        this.batchSize = batchSize;
        this.delay = delay;
        this.timer = timer;
        this.send = send;
    }

    void add(String deliveryId) {
        List<String> full = null;
        synchronized (this) {
            waiting.add(deliveryId);
            if (waiting.size() >= batchSize) {
                full = take();
            } else if (due == null) {
                due = timer.schedule(this::flush, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        if (full != null) {
            send.accept(full);
        }
    }

    /** Sends what is waiting now. */
    void flush() {
        List<String> ids;
        synchronized (this) {
            ids = take();
        }
        if (!ids.isEmpty()) {
            send.accept(ids);
        }
    }

    /**
     * Forgets what is waiting: after a disconnect these delivery ids are stale, and the room delivers the
     * messages again under new ones.
     */
    synchronized void discard() {
        take();
    }

    private List<String> take() {
        if (due != null) {
            due.cancel(false);
            due = null;
        }
        List<String> ids = waiting;
        waiting = new ArrayList<>();
        return ids;
    }
}
