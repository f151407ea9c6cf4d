package org.symbi.app.ui.metrics;

import java.time.Instant;

/** One value of a metric at one time: a minute of the stored history, or a live sample. */
public record ChartPoint(Instant at, double value) {
}
