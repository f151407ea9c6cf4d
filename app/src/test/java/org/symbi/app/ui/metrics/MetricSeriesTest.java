package org.symbi.app.ui.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a series stays within its window: by age, by slots of the window's spacing, by count. */
class MetricSeriesTest {
    private final Instant now = Instant.parse("2026-03-01T12:00:00Z");
    private final MetricSeries<Double> series = new MetricSeries<>("load", "Load", v -> v);

    @Test
    void samplesOlderThanTheWindowAreDropped() {
        for (int minute = 30; minute >= 0; minute--) {
            series.sample((double) minute, now.minus(Duration.ofMinutes(minute)), TimeWindow.LAST_15_MINUTES);
        }
        assertThat(series.points()).hasSize(16);
        assertThat(series.points().getFirst().at()).isEqualTo(now.minus(Duration.ofMinutes(15)));
        assertThat(series.points().getLast().value()).isZero();
    }

    @Test
    void aDaysSamplesEverySecondStayWithinTheMaximum() {
        Instant start = now.minus(Duration.ofHours(30));
        for (long second = 0; second <= Duration.ofHours(30).toSeconds(); second += 5) {
            series.sample(1.0, start.plusSeconds(second), TimeWindow.LAST_DAY);
        }
        assertThat(series.points()).hasSizeLessThanOrEqualTo(TimeWindow.MAX_POINTS)
                .allSatisfy(p -> assertThat(p.at()).isAfterOrEqualTo(now.minus(Duration.ofHours(24))));
        long spacing = TimeWindow.LAST_DAY.spacing().toMillis();
        assertThat(series.points()).extracting(p -> p.at().toEpochMilli() / spacing).doesNotHaveDuplicates();
        assertThat(series.points().getLast().at()).isEqualTo(now);
    }

    @Test
    void theLatestValueTakesTheSlotOfAnEarlierOne() {
        series.sample(1.0, now, TimeWindow.LAST_15_MINUTES);
        series.sample(2.0, now.plusMillis(1_000), TimeWindow.LAST_15_MINUTES);
        assertThat(series.points()).containsExactly(new ChartPoint(now.plusMillis(1_000), 2.0));

        series.sample(3.0, now.plusMillis(1_500), TimeWindow.LAST_15_MINUTES);
        assertThat(series.points()).extracting(ChartPoint::value).containsExactly(2.0, 3.0);
    }

    @Test
    void aLiveSampleJustAfterTheLastStoredMinuteIsShownInItsPlace() {
        series.sample(2.0, now.plusMillis(1_200), TimeWindow.LAST_15_MINUTES);
        List<ChartPoint> stored = List.of(new ChartPoint(now.minusSeconds(60), 0.0), new ChartPoint(now, 0.0));

        series.showHistory(stored, now.plusMillis(1_200), TimeWindow.LAST_15_MINUTES);

        assertThat(series.points()).containsExactly(new ChartPoint(now.minusSeconds(60), 0.0),
                new ChartPoint(now.plusMillis(1_200), 2.0));
    }

    @Test
    void storedHistoryComesFirstThenTheLiveSamplesTakenAfterIt() {
        series.sample(7.0, now.minusSeconds(90), TimeWindow.LAST_15_MINUTES); // covered by the stored minute
        series.sample(8.0, now.minusSeconds(10), TimeWindow.LAST_15_MINUTES);
        List<ChartPoint> stored = new ArrayList<>();
        for (int minute = 20; minute >= 1; minute--) {
            stored.add(new ChartPoint(now.minus(Duration.ofMinutes(minute)), minute));
        }

        series.showHistory(stored, now, TimeWindow.LAST_15_MINUTES);

        assertThat(series.points()).extracting(ChartPoint::value)
                .containsExactly(15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 8.0);
    }
}
