package org.symbi.app.ui.metrics;

import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.symbi.app.serve.Room;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.kernel.Kernel;
import org.symbi.protocol.AgentCard;
import org.symbi.protocol.TaskOutcome;
import org.symbi.sdk.AgentClient;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics view on a real room: tiles with the current values, charts with points, an agent to choose,
 * and the model usage of an agent connected through the gateway.
 */
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
        AgentActs.awayFromAMinuteTurn(kernel);
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

    @Test
    void theModelUsageTableShowsWhatAConnectedAgentsModelCallsCostAndChoosesItsAgent(FxRobot robot) throws Exception {
        RoomFixture room = openRoom();
        Room r = room.room();
        r.tokens().grant("coder-1", Set.of("java"), Set.of());
        String token = r.tokens().issue("coder-1", Set.of("java"), Set.of());
        try (AgentClient coder = AgentClient.connect(URI.create(r.gateway().address()), token,
                AgentCard.of("coder-1", "coder", List.of("java")), (client, task, request) -> { })) {
            coder.trace(AgentActs.llmResponseStep("t1", 1_000, 200, 0.0045, 800)).get(10, TimeUnit.SECONDS);
            coder.trace(AgentActs.llmResponseStep("t1", 500, 100, null, 1_200)).get(10, TimeUnit.SECONDS);
        }

        robot.interact(() -> {
            show(new MetricsView(new MetricsViewModel(room.context())));
            room.drain();
        });

        TableView<?> table = robot.lookup("#model-usage").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(1);
        assertThat(robot.lookup("#model-usage .table-row-cell").nth(0).lookup(".table-cell").queryAllAs(TableCell.class))
                .extracting(TableCell::getText)
                .containsExactly("coder-1", "2", "1,500", "300", "$0.0045 + 1 unpriced", "1.0 s");

        robot.clickOn(robot.lookup("#model-usage .table-row-cell").nth(0).queryAs(Node.class));
        robot.interact(room::drain);

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("coder-1"));
        assertThat(robot.lookup("#agent-charts").query().isVisible()).isTrue();
    }
}
