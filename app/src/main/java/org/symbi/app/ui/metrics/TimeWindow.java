package org.symbi.app.ui.metrics;

import java.time.Duration;

/** How far back the charts reach. Each window keeps at most {@link #MAX_POINTS} points per series. */
public enum TimeWindow {
    LAST_15_MINUTES("Last 15 min", Duration.ofMinutes(15)),
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_DAY("Last 24 h", Duration.ofHours(24));

    /** Enough points for a smooth line; a chart with more only costs drawing time. */
    public static final int MAX_POINTS = 600;

    private final String label;
    private final Duration length;

    TimeWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    /** The least time between two points of a series, so that the whole window fits {@link #MAX_POINTS}. */
    public Duration spacing() {
        return length.dividedBy(MAX_POINTS);
    }

    @Override
    public String toString() {
        return label;
    }
}
