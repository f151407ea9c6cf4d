package org.symbi.kernel.metrics;

import java.util.ArrayDeque;

/**
 * Rate of a monotonic counter over a trailing window, from samples taken on each tick. The hot path only
 * increments the counter; the samples cost one entry per tick.
 */
final class ThroughputMeter {
    private final long windowMillis;
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    ThroughputMeter(long windowMillis, long nowMillis, long total) {
        this.windowMillis = windowMillis;
        samples.addLast(new long[]{nowMillis, total});
    }

    /** Records the counter; keeps the newest sample at or before the window's start as the base. */
    synchronized void sample(long nowMillis, long total) {
        samples.addLast(new long[]{nowMillis, total});
        long start = nowMillis - windowMillis;
        while (samples.size() > 2 && secondOldest()[0] <= start) {
            samples.removeFirst();
        }
    }

    /** Counts per second from the base sample to now; the span is the window once the kernel has run that long. */
    synchronized double perSecond(long nowMillis, long total) {
        long[] base = samples.peekFirst();
        return MetricsFormulas.throughput(total - base[1], nowMillis - base[0]);
    }

    private long[] secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
