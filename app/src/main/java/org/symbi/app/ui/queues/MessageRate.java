package org.symbi.app.ui.queues;

import java.util.ArrayDeque;

/**
 * Messages per second over a sliding window, from the per-pulse counts of the feed's message flow. A pulse
 * without traffic brings no sample, so the rate is read against the current time and falls to zero by itself.
 */
final class MessageRate {
    private record Sample(long atNanos, long messages) {
    }

    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long inWindow;

    MessageRate(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void add(long atNanos, long messages) {
        samples.addLast(new Sample(atNanos, messages));
        inWindow += messages;
    }

    /** Messages per second in the window that ends at {@code nowNanos}. */
    double perSecond(long nowNanos) {
        while (!samples.isEmpty() && nowNanos - samples.peekFirst().atNanos() >= windowNanos) {
            inWindow -= samples.removeFirst().messages();
        }
        return inWindow * 1_000_000_000.0 / windowNanos;
    }
}
