package org.symbi.app.ui.metrics;

import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.protocol.TaskOutcome;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics view on a real room: tiles with the current values, charts with points, an agent to choose. */
class MetricsViewTest extends RoomViewTest {
    @Start
    @Override
    protected void start(Stage stage) {
        super.start(stage);
    }

    @Test
    void showsTheSystemsValuesAndChartsThenAnAgentsWhenChosen(FxRobot robot) throws Exception {
        RoomFixture room = openRoom();
        Kernel kernel = room.room().kernel();
        AgentActs.register(kernel, "coder-1", "java");
        AgentActs.runTask(kernel, "t1", "java", TaskOutcome.SUCCESS);
        kernel.metrics().tick();

        robot.interact(() -> {
            show(new MetricsView(new MetricsViewModel(room.context())));
            room.drain();
        });

        assertThat(robot.lookup("#system-tiles .metric-tile-value").queryAllAs(Label.class))
                .extracting(Label::getText).contains("1 / 1", "Healthy");
        LineChart<?, ?> agents = robot.lookup("#chart-agents").queryAs(LineChart.class);
        assertThat(agents.getData()).hasSize(2);
        assertThat(agents.getData().getFirst().getData()).isNotEmpty();
        assertThat(robot.lookup("#chart-throughput").tryQuery()).isPresent();
        assertThat(robot.lookup("#agent-charts").query().isVisible()).isFalse();

        robot.clickOn("#metrics-agent");
        robot.clickOn("coder-1");
        robot.interact(room::drain);

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("coder-1"));
        LineChart<?, ?> tasks = robot.lookup("#chart-tasks").queryAs(LineChart.class);
        assertThat(robot.lookup("#agent-charts").query().isVisible()).isTrue();
        assertThat(tasks.getData().getFirst().getData()).isNotEmpty()
                .last().satisfies(point -> assertThat(point.getYValue()).isEqualTo(1.0));
        assertThat(robot.lookup("#agent-tiles .metric-tile-value").queryAllAs(Label.class))
                .extracting(Label::getText).contains("100 %");
    }
}
