package org.symbi.app.ui.metrics;

import java.util.List;

/**
 * One chart: a title (with the unit) and the series drawn on it.
 *
 * @param max the top of the value axis for a metric with a known range (a share, a status), or null to fit
 *            the values
 */
public record MetricChart<T>(String id, String title, Double max, List<MetricSeries<T>> series) {
    public MetricChart {
        series = List.copyOf(series);
    }
}
