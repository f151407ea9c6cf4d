package org.symbi.app.ui.topology;

import org.symbi.protocol.Priority;

import java.util.Arrays;

/**
 * When each agent's spoke last carried a message, per priority lane: the spoke lights up in that lane's
 * colour and fades out over {@link #FADE_NANOS}. Plain arrays indexed by agent, so that a frame reads a
 * thousand spokes without allocating.
 */
final class FlowPulses {
    static final long FADE_NANOS = 1_000_000_000L;
    static final int LANES = Priority.values().length;
    private static final long NEVER = Long.MIN_VALUE;
    /** Weights by lane, critical first. */
    private static final double[] URGENCY = {2, 1.5, 1, 1};
    /** Below this a spoke is not worth drawing. */
    private static final double MIN_VISIBLE = 0.01;

    private long[] lastPulse = new long[0];
    private long latest = NEVER;

    /** Makes room for agents with indexes below {@code agents}. */
    void ensureCapacity(int agents) {
        int needed = agents * LANES;
        if (needed > lastPulse.length) {
            int old = lastPulse.length;
            lastPulse = Arrays.copyOf(lastPulse, Math.max(needed, old * 2));
            Arrays.fill(lastPulse, old, lastPulse.length, NEVER);
        }
    }

    /** Agents were renumbered: what was lit is forgotten. */
    void clear() {
        Arrays.fill(lastPulse, NEVER);
        latest = NEVER;
    }

    void pulse(int agent, Priority priority, long now) {
        lastPulse[agent * LANES + priority.lane()] = now;
        latest = Math.max(latest, now);
    }

    /** 1 just after a message, falling to 0 over the fade time; 0 if the lane never carried one. */
    double strength(int agent, int lane, long now) {
        int i = agent * LANES + lane;
        if (i >= lastPulse.length || lastPulse[i] == NEVER) {
            return 0;
        }
        long age = now - lastPulse[i];
        return age >= FADE_NANOS ? 0 : 1 - (double) Math.max(0, age) / FADE_NANOS;
    }

    /**
     * The lane a spoke shows now: the lit lane whose strength, weighted by urgency (critical 2, high 1.5,
     * normal and low 1), is greatest; -1 if none is lit.
     */
    int salientLane(int agent, long now) {
        int best = -1;
        double bestWeight = 0;
        for (int lane = 0; lane < LANES; lane++) {
            double weighted = strength(agent, lane, now) * URGENCY[lane];
            if (weighted > bestWeight) {
                best = lane;
                bestWeight = weighted;
            }
        }
        return bestWeight > MIN_VISIBLE ? best : -1;
    }

    /** Whether any spoke is still lit at {@code now}. */
    boolean active(long now) {
        return latest != NEVER && now - latest < FADE_NANOS;
    }
}
