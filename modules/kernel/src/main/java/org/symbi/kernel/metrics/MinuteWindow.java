package org.symbi.kernel.metrics;

/**
 * Counts events per clock minute over a trailing window of whole minutes (the current one and the
 * {@code minutes − 1} before it). Meant for rare events (penalties, dead letters), so plainly synchronized.
 */
final class MinuteWindow {
    private final long[] minutes;
    private final long[] counts;

    MinuteWindow(int minutes) {
        this.minutes = new long[minutes];
        this.counts = new long[minutes];
        java.util.Arrays.fill(this.minutes, Long.MIN_VALUE);
    }

    synchronized void add(long atMillis) {
        long minute = Math.floorDiv(atMillis, 60_000L);
        int slot = Math.floorMod(minute, minutes.length);
        if (minutes[slot] != minute) {
            minutes[slot] = minute;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    synchronized long sum(long nowMillis) {
        long current = Math.floorDiv(nowMillis, 60_000L);
        long sum = 0;
        for (int i = 0; i < minutes.length; i++) {
            if (minutes[i] <= current && minutes[i] > current - minutes.length) {
                sum += counts[i];
            }
        }
        return sum;
    }
}
