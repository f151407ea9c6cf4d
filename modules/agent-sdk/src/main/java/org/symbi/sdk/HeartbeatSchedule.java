package org.symbi.sdk;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When a connected client beats: at once when the room welcomes it, then at the interval the room sets. The room
 * paces heartbeats by the number of agents online and says so in each heartbeat's receipt.
 */
final class HeartbeatSchedule {
    private final ScheduledExecutorService timer;
    private final Runnable beat;
    private ScheduledFuture<?> next;
    private long intervalMs;

    HeartbeatSchedule(ScheduledExecutorService timer, Runnable beat) {
        this.timer = timer;
        this.beat = beat;
    }

    /** A session began: a beat now, then one every {@code intervalMs}. */
    synchronized void start(long intervalMs) {
        replace(intervalMs, 0);
    }

    /** The room set a pace: the next beat is one new interval after the one just answered. */
    synchronized void pace(long intervalMs) {
        if (next != null && intervalMs != this.intervalMs) {
            replace(intervalMs, intervalMs);
        }
    }

    /** The connection is gone: no beats until the next session starts. */
    synchronized void stop() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void replace(long newIntervalMs, long firstAfterMs) {
        stop();
        intervalMs = newIntervalMs;
        next = timer.scheduleAtFixedRate(beat, firstAfterMs, newIntervalMs, TimeUnit.MILLISECONDS);
    }
}
