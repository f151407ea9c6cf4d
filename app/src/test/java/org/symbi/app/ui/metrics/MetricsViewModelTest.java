package org.symbi.app.ui.metrics;

import org.junit.jupiter.api.Test;
import org.symbi.app.ui.RoomTest;
import org.symbi.app.ui.kit.Selection;
import org.symbi.protocol.TaskOutcome;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics view's state on a real room: tasks and messages go through the kernel, the collector ticks. */
class MetricsViewModelTest extends RoomTest {
    private MetricsViewModel model;

    /** Two agents; coder-1 completes two tasks and fails one; a few invites go between them. */
    private void work() {
        AgentActs.awayFromAMinuteTurn(kernel);
        AgentActs.register(kernel, "coder-1", "java");
        AgentActs.register(kernel, "reviewer-1", "review");
        AgentActs.runTask(kernel, "t1", "java", TaskOutcome.SUCCESS);
        AgentActs.runTask(kernel, "t2", "java", TaskOutcome.SUCCESS);
        AgentActs.runTask(kernel, "t3", "java", TaskOutcome.FAILURE);
        for (int i = 0; i < 3; i++) {
            AgentActs.send(kernel, AgentActs.invite("coder-1", "reviewer-1").build());
        }
        kernel.metrics().tick();
    }

    @Test
    void systemTilesAndChartsShowTheKernelsMetrics() {
        work();
        model = new MetricsViewModel(room.context());
        room.drain();

        assertThat(tile(model.systemTiles(), "Agents online")).isEqualTo("2 / 2");
        assertThat(tile(model.systemTiles(), "System health")).isEqualTo("Healthy");
        assertThat(tile(model.systemTiles(), "Conflicts resolved")).isEqualTo("100 %");
        assertThat(model.agents()).containsExactlyInAnyOrder("coder-1", "reviewer-1");
        // the minute the collector stored, then the live sample
        assertThat(points(model.systemCharts(), "online_agents")).isNotEmpty()
                .last().satisfies(p -> assertThat(p.value()).isEqualTo(2.0));
        assertThat(points(model.systemCharts(), "message_throughput")).isNotEmpty();
        assertThat(points(model.systemCharts(), "message_throughput").getLast().value()).isPositive();
    }

    @Test
    void choosingAnAgentShowsItsMetricsAndSelectsItAcrossTheRoom() {
        work();
        model = new MetricsViewModel(room.context());
        room.drain();
        assertThat(tile(model.agentTiles(), "Completed")).isEqualTo(MetricTile.NONE);

        model.agentProperty().set("coder-1");
        room.drain();

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("coder-1"));
        assertThat(tile(model.agentTiles(), "Completed")).isEqualTo("2");
        assertThat(tile(model.agentTiles(), "Failed attempts")).isEqualTo("1");
        assertThat(tile(model.agentTiles(), "Success rate")).isEqualTo("67 %");
        // the line ends at the current value, whether a live sample or a minute stored since carries it
        assertThat(points(model.agentCharts(), "tasks_completed").getLast().value()).isEqualTo(2.0);
        assertThat(points(model.agentCharts(), "success_rate").getLast().value()).isEqualTo(2.0 / 3.0);

        // a selection made elsewhere is followed here
        room.context().selection().select(Selection.Target.agent("reviewer-1"));
        room.drain();
        assertThat(model.agentProperty().get()).isEqualTo("reviewer-1");
        assertThat(tile(model.agentTiles(), "Completed")).isEqualTo("0");
        assertThat(points(model.agentCharts(), "tasks_completed")).allSatisfy(p -> assertThat(p.value()).isZero());
    }

    @Test
    void modelUsageAddsUpEachAgentsModelCalls() {
        AgentActs.register(kernel, "coder-1", "java");
        AgentActs.register(kernel, "reviewer-1", "review");
        model = new MetricsViewModel(room.context());
        room.drain();
        assertThat(model.modelUsage()).isEmpty();

        AgentActs.llmResponse(kernel, "reviewer-1", "t1", 300, 50, null, 400);
        AgentActs.llmResponse(kernel, "coder-1", "t1", 1_000, 200, 0.0045, 800);
        AgentActs.llmResponse(kernel, "coder-1", "t2", 500, 100, null, 1_200);
        room.drain();

        assertThat(model.modelUsage()).extracting(ModelUsageRow::agentId).containsExactly("coder-1", "reviewer-1");
        ModelUsageRow coder = model.modelUsage().getFirst();
        assertThat(coder.usage().calls()).isEqualTo(2);
        assertThat(coder.usage().tokensIn()).isEqualTo(1_500);
        assertThat(coder.usage().tokensOut()).isEqualTo(300);
        assertThat(coder.costText()).isEqualTo("$0.0045 + 1 unpriced");
        assertThat(coder.meanLatencyText()).isEqualTo("1.0 s");
        ModelUsageRow reviewer = model.modelUsage().getLast();
        assertThat(reviewer.costText()).isEqualTo("unknown");
        assertThat(reviewer.meanLatencyText()).isEqualTo("400 ms");

        // the next sample brings the next call
        AgentActs.llmResponse(kernel, "reviewer-1", "t1", 100, 10, 0.001, 200);
        room.drain();
        assertThat(model.modelUsage().getLast().usage().calls()).isEqualTo(2);
        assertThat(model.modelUsage().getLast().costText()).isEqualTo("$0.0010 + 1 unpriced");
        assertThat(model.modelUsage().getLast().meanLatencyText()).isEqualTo("300 ms");
    }

    @Test
    void everyPointLiesWithinTheChosenWindow() {
        work();
        model = new MetricsViewModel(room.context());
        model.agentProperty().set("coder-1");
        room.drain();

        for (TimeWindow window : TimeWindow.values()) {
            model.windowProperty().set(window);
            room.drain();
            Instant from = kernel.clock().instant().minus(window.length());
            List<MetricChart<?>> charts = List.of(model.systemCharts().getFirst(), model.agentCharts().getLast());
            for (MetricChart<?> chart : charts) {
                for (MetricSeries<?> series : chart.series()) {
                    assertThat(series.points()).as(series.metric() + " in " + window).isNotEmpty()
                            .hasSizeLessThanOrEqualTo(TimeWindow.MAX_POINTS)
                            .allSatisfy(p -> assertThat(p.at()).isAfterOrEqualTo(from));
                }
            }
        }
    }

    private static String tile(List<? extends MetricTile<?>> tiles, String label) {
        return tiles.stream().filter(t -> t.label().equals(label)).findFirst().orElseThrow().value();
    }

    private static List<ChartPoint> points(List<? extends MetricChart<?>> charts, String metric) {
        return charts.stream().flatMap(c -> c.series().stream()).filter(s -> s.metric().equals(metric))
                .findFirst().orElseThrow().points();
    }
}
