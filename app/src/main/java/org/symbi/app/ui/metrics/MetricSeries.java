package org.symbi.app.ui.metrics;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One line on a chart: a metric's points within the chosen window, oldest first. The window bounds it twice:
 * points older than the window are dropped, and time is cut into slots of the window's spacing that hold one
 * point each, so a series never holds more than {@link TimeWindow#MAX_POINTS}. The newer value takes a slot,
 * so the line always ends at the latest value.
 *
 * @param <T> what a live sample is read from ({@code SystemMetrics} or {@code AgentMetrics})
 */
public final class MetricSeries<T> {
    private final String metric;
    private final String label;
    private final ToDoubleFunction<T> read;
    private final ObservableList<ChartPoint> points = FXCollections.observableArrayList();
    private final ObservableList<ChartPoint> shown = FXCollections.unmodifiableObservableList(points);

    /**
     * @param metric the name the history is stored under (docs/metrics.md)
     * @param label  what the legend says
     */
    MetricSeries(String metric, String label, ToDoubleFunction<T> read) {
        this.metric = metric;
        this.label = label;
        this.read = read;
    }

    public String metric() {
        return metric;
    }

    public String label() {
        return label;
    }

    public ObservableList<ChartPoint> points() {
        return shown;
    }

    /** Adds the current value at {@code at} and drops what left the window. */
    void sample(T current, Instant at, TimeWindow window) {
        put(points, new ChartPoint(at, read.applyAsDouble(current)), window);
        trim(points, at, window);
    }

    /** Shows the stored history, followed by the live samples taken after its last minute. */
    void showHistory(List<ChartPoint> history, Instant now, TimeWindow window) {
        List<ChartPoint> merged = new ArrayList<>();
        for (ChartPoint p : history) {
            put(merged, p, window);
        }
        Instant lastStored = merged.isEmpty() ? Instant.MIN : merged.getLast().at();
        for (ChartPoint p : points) {
            if (p.at().isAfter(lastStored)) {
                put(merged, p, window);
            }
        }
        trim(merged, now, window);
        points.setAll(merged);
    }

    void clear() {
        points.clear();
    }

    /** Appends {@code p}, or puts it in place of the last point when both fall in one slot. */
    private static void put(List<ChartPoint> list, ChartPoint p, TimeWindow window) {
        if (!list.isEmpty() && slot(p.at(), window) <= slot(list.getLast().at(), window)) {
            list.set(list.size() - 1, p);
        } else {
            list.add(p);
        }
    }

    private static long slot(Instant at, TimeWindow window) {
        return Math.floorDiv(at.toEpochMilli(), window.spacing().toMillis());
    }

    private static void trim(List<ChartPoint> list, Instant now, TimeWindow window) {
        Instant from = now.minus(window.length());
        int drop = 0;
        while (drop < list.size() && list.get(drop).at().isBefore(from)) {
            drop++;
        }
        drop = Math.max(drop, list.size() - TimeWindow.MAX_POINTS);
        if (drop > 0) {
            list.subList(0, drop).clear();
        }
    }
}
