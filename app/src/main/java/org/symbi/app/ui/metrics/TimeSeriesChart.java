package org.symbi.app.ui.metrics;

import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A line chart of a {@link MetricChart}: time across (seconds since the epoch, labelled as local clock
 * time), values up, from zero to the chart's known maximum or to fit. Animation is off and points are not
 * drawn as symbols, so a live update costs little; each line follows its series change by change instead of
 * being rebuilt.
 */
final class TimeSeriesChart extends LineChart<Number, Number> {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Below this span the time axis needs seconds to tell its ticks apart. */
    private static final double SECONDS_SHOWN_BELOW = 20 * 60;
    /** Ticks on an axis with a known range. */
    private static final int VALUE_TICKS = 4;

    TimeSeriesChart(MetricChart<?> chart) {
        super(timeAxis(), valueAxis(chart.max()));
        setId("chart-" + chart.id());
        getStyleClass().add("metric-chart");
        setTitle(chart.title());
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(chart.series().size() > 1);
        for (MetricSeries<?> series : chart.series()) {
            XYChart.Series<Number, Number> line = new XYChart.Series<>();
            line.setName(series.label());
            line.getData().setAll(data(series.points()));
            series.points().addListener((ListChangeListener<ChartPoint>) change -> follow(line, change));
            getData().add(line);
        }
    }

    private static void follow(XYChart.Series<Number, Number> line,
                               ListChangeListener.Change<? extends ChartPoint> change) {
        var data = line.getData();
        while (change.next()) {
            if (change.wasPermutated()) {
                data.setAll(data(change.getList()));
                return;
            }
            if (change.wasRemoved()) {
                data.remove(change.getFrom(), change.getFrom() + change.getRemovedSize());
            }
            if (change.wasAdded()) {
                data.addAll(change.getFrom(), data(change.getAddedSubList()));
            }
        }
    }

    private static List<XYChart.Data<Number, Number>> data(List<? extends ChartPoint> points) {
        return points.stream()
                .map(p -> new XYChart.Data<Number, Number>(p.at().toEpochMilli() / 1000.0, p.value()))
                .toList();
    }

    private static NumberAxis timeAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setForceZeroInRange(false);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSeconds) {
                Instant at = Instant.ofEpochMilli(Math.round(epochSeconds.doubleValue() * 1000));
                boolean shortSpan = axis.getUpperBound() - axis.getLowerBound() < SECONDS_SHOWN_BELOW;
                return (shortSpan ? SECONDS : MINUTES).format(LocalTime.ofInstant(at, ZoneId.systemDefault()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
        return axis;
    }

    private static NumberAxis valueAxis(Double max) {
        NumberAxis axis = max == null ? new NumberAxis() : new NumberAxis(0, max, max / VALUE_TICKS);
        axis.setForceZeroInRange(true);
        axis.setMinorTickVisible(false);
        return axis;
    }
}
