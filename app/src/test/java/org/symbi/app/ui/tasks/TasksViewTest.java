package org.symbi.app.ui.tasks;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.kit.Selection;
import org.symbi.app.ui.kit.Theme;
import org.symbi.protocol.TaskStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The tasks view on a real room: a workflow's graph coloured by status, choosing, cancelling and retrying tasks. */
@ExtendWith(ApplicationExtension.class)
class TasksViewTest {
    @TempDir
    Path data;
    private Stage stage;
    private RoomFixture room;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Theme.LIGHT.apply();
    }

    @AfterEach
    void close() {
        if (room != null) {
            room.close();
        }
    }

    private void show(FxRobot robot) throws Exception {
        room = RoomFixture.open(data);
        Workflows.release(room.room().kernel());
        TasksViewModel model = new TasksViewModel(room.feed(), room.room().kernel().tasks(), room.context().selection());
        robot.interact(() -> {
            Scene scene = new Scene(new TasksView(model), 960, 700);
            scene.getStylesheets().add(Theme.ROOM_CSS);
            stage.setScene(scene);
            stage.show();
            room.drain();
        });
    }

    private static Node task(FxRobot robot, String taskId) {
        return robot.lookup("#task-node-" + taskId).query();
    }

    @Test
    void drawsTheWorkflowInLayersColouredByStatus(FxRobot robot) throws Exception {
        show(robot);

        assertThat(robot.lookup("#task-workflows").queryAs(ListView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#task-workflow-title").queryLabeled().getText()).isEqualTo("Release 1.0");
        assertThat(robot.lookup("#task-progress-text").queryLabeled().getText()).isEqualTo("0 of 4 done");
        assertThat(task(robot, "build").getStyleClass()).contains("task-node", "task-status-ready");
        assertThat(task(robot, "package").getStyleClass()).contains("task-status-pending");
        assertThat(task(robot, "build").getLayoutX()).isLessThan(task(robot, "test").getLayoutX());
        assertThat(task(robot, "test").getLayoutX()).isEqualTo(task(robot, "lint").getLayoutX())
                .isLessThan(task(robot, "package").getLayoutX());
        assertThat(robot.lookup(".task-edge").queryAll()).as("build→test, build→lint, test→package, lint→package")
                .hasSize(4);

        Workflows.completeByAnAgent(room.room().kernel(), "build");
        robot.interact(room::drain);

        assertThat(task(robot, "build").getStyleClass()).contains("task-status-completed")
                .doesNotContain("task-status-ready");
        assertThat(robot.lookup("#task-progress-text").queryLabeled().getText()).isEqualTo("1 of 4 done");
    }

    @Test
    void choosingATaskThenCancellingAndRetryingIt(FxRobot robot) throws Exception {
        show(robot);
        Button cancel = robot.lookup("#task-cancel").queryButton();
        assertThat(cancel.isDisabled()).as("no task chosen").isTrue();

        robot.clickOn(task(robot, "lint"));

        assertThat(room.context().selection().selected()).isEqualTo(Selection.Target.task("lint"));
        assertThat(task(robot, "lint").getStyleClass()).contains("task-node-selected");
        assertThat(robot.lookup("#task-chosen").queryLabeled().getText()).isEqualTo("Lint · pending");

        robot.clickOn(cancel);
        robot.interact(room::drain);

        assertThat(room.room().kernel().tasks().find("lint").orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(task(robot, "lint").getStyleClass()).contains("task-status-cancelled");
        assertThat(task(robot, "package").getStyleClass()).contains("task-status-cancelled");
        assertThat(robot.lookup("#tasks-message").queryLabeled().getText()).startsWith("Cancelled “Lint”");
        assertThat(cancel.isDisabled()).isTrue();

        robot.clickOn(task(robot, "package"));
        robot.clickOn("#task-retry");
        robot.interact(room::drain);

        assertThat(robot.lookup("#tasks-message").queryLabeled().getText()).startsWith("Could not retry “Package”")
                .contains("retry that one");

        robot.clickOn(task(robot, "lint"));
        robot.clickOn("#task-retry");
        robot.interact(room::drain);

        assertThat(task(robot, "lint").getStyleClass()).contains("task-status-pending");
        assertThat(robot.lookup("#tasks-message").queryLabeled().getText()).isEqualTo("“Lint” will run again (now pending)");
    }
}
