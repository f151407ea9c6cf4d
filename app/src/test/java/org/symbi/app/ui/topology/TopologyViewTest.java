package org.symbi.app.ui.topology;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.kernel.Kernel;
import org.symbi.protocol.AgentStatus;
import org.symbi.protocol.Tier;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology on a real room: agents registered through the kernel appear, change colour and can be selected. */
@ExtendWith(ApplicationExtension.class)
class TopologyViewTest {
    private Path data;
    private RoomFixture room;
    private Kernel kernel;
    private TopologyView view;

    @Start
    void start(Stage stage) throws Exception {
        data = Files.createTempDirectory("topology-view");
        room = RoomFixture.open(data);
        kernel = room.room().kernel();
        Theme.LIGHT.apply();
        view = new TopologyView(new TopologyViewModel(room.context()));
        Scene scene = new Scene(view, 900, 640);
        scene.getStylesheets().add(Theme.ROOM_CSS);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeRoom() throws Exception {
        room.close();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Circle dotOf(FxRobot robot, String agentId) {
        Node node = robot.lookup("#topology-agent-" + agentId).query();
        return robot.from(node).lookup(".topology-dot").queryAs(Circle.class);
    }

    @Test
    void anAgentAppearsChangesColourWithItsStatusAndCanBeSelected(FxRobot robot) {
        TopologyViewModelTest.register(kernel, "coder-1", Tier.WORKER, "org/web");
        TopologyViewModelTest.register(kernel, "lead", Tier.MANAGER, "org/web");
        robot.interact(room::drain);

        assertThat(robot.lookup(".topology-agent").queryAll()).hasSize(2);
        assertThat(view.agentNodeCount()).isEqualTo(2);
        Circle dot = dotOf(robot, "coder-1");
        assertThat(dot.getStyleClass()).contains("status-available");
        var available = dot.getFill();

        TopologyViewModelTest.report(kernel, "coder-1", AgentStatus.BUSY);
        robot.interact(room::drain);

        assertThat(dot.getStyleClass()).contains("status-busy").doesNotContain("status-available");
        assertThat(dot.getFill()).isNotEqualTo(available);

        robot.clickOn(robot.lookup("#topology-agent-coder-1").queryAs(Node.class));

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.agent("coder-1"));
        assertThat(robot.from(robot.lookup("#topology-agent-coder-1").queryAs(Node.class)).lookup(".topology-selected")
                .queryAs(Circle.class).isVisible()).isTrue();
        assertThat(robot.lookup("#topology-selected").queryAs(Label.class).getText())
                .startsWith("coder-1 · worker · org/web · busy");
    }

    @Test
    void searchFindsAnAgentAndTheGroupingToggleRegroups(FxRobot robot) {
        TopologyViewModelTest.register(kernel, "reviewer", Tier.SPECIALIST, "org/api");
        TopologyViewModelTest.register(kernel, "coder-1", Tier.WORKER, "org/web");
        robot.interact(room::drain);

        robot.clickOn("#topology-search").write("review");

        assertThat(robot.lookup("#topology-search-result").queryAs(Label.class).getText()).isEqualTo("1 match");
        assertThat(robot.from(robot.lookup("#topology-agent-reviewer").queryAs(Node.class)).lookup(".topology-matched")
                .queryAs(Circle.class).isVisible()).isTrue();

        assertThat(robot.lookup(".topology-sector-label").queryAllAs(javafx.scene.text.Text.class))
                .extracting(javafx.scene.text.Text::getText).containsExactlyInAnyOrder("specialist · 1", "worker · 1");
        robot.clickOn("#topology-by-repository");
        assertThat(robot.lookup(".topology-sector-label").queryAllAs(javafx.scene.text.Text.class))
                .extracting(javafx.scene.text.Text::getText).containsExactlyInAnyOrder("org/api · 1", "org/web · 1");
    }
}
