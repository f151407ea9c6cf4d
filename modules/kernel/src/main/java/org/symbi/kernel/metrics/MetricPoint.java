package org.symbi.kernel.metrics;

import java.time.Instant;

/** One rolled-up value of a metric: its value as of the first tick in the minute starting at {@code bucketStart}. */
public record MetricPoint(Instant bucketStart, double value) {
}
