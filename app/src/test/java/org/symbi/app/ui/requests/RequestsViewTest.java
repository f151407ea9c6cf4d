package org.symbi.app.ui.requests;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.symbi.app.showcase.DemoTeam;
import org.symbi.app.ui.RoomFixture;
import org.symbi.app.ui.metrics.RoomViewTest;
import org.symbi.kernel.request.RequestStatus;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.symbi.app.ui.requests.RequestTeam.FIBONACCI;

/**
 * The requests view on a real room with the rules planner connected: a request typed and planned, its plan
 * shown as a table with the room's own steps marked, Confirm refused while no git agent is online, Discard
 * with a reason; bad input said under the bar with the text kept.
 */
class RequestsViewTest extends RoomViewTest {
    @TempDir
    Path tmp;
    private RoomFixture room;
    private RequestTeam team;

    @Start
    @Override
    protected void start(Stage stage) {
        super.start(stage);
    }

    @AfterEach
    void closeTeam() {
        if (team != null) {
            team.close();
        }
    }

    private void show(FxRobot robot) throws Exception {
        room = openRoom();
        robot.interact(() -> {
            show(new RequestsView(new RequestsViewModel(room.context())));
            room.drain();
        });
    }

    private void typeRepository(FxRobot robot, Path dir) {
        TextInputControl field = robot.lookup("#request-repository").queryAs(TextInputControl.class);
        robot.interact(() -> field.setText(dir.toString()));
    }

    private TableView<?> plan(FxRobot robot) {
        return robot.lookup("#request-plan-table").queryAs(TableView.class);
    }

    private Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryButton();
    }

    @Test
    void aTypedRequestIsPlannedShownAsATableAndRefusedPlainlyWithoutAGitAgent(FxRobot robot) throws Exception {
        Path repo = DemoTeam.repository(tmp.resolve("fib"));
        show(robot);
        team = new RequestTeam(room.room()).withRulesPlanner();
        assertThat(button(robot, "#request-confirm").isDisabled()).isTrue();

        robot.clickOn("#request-text").write(FIBONACCI);
        typeRepository(robot, repo);
        robot.clickOn("#request-plan");
        RequestTeam.await(() -> robot.interact(room::drain), () -> plan(robot).getItems().size() == 8);

        assertThat(robot.lookup("#request-text").queryAs(TextInputControl.class).getText()).isEmpty();
        assertThat(robot.lookup("#request-list").queryAs(ListView.class).getItems()).hasSize(1);
        assertThat(robot.lookup("#request-status").queryLabeled().getText()).isEqualTo("awaiting confirmation");
        Label planner = robot.lookup("#request-planner").queryAs(Label.class);
        assertThat(planner.getText()).startsWith("Planned by rules (no language model)");
        assertThat(planner.getStyleClass()).contains("request-planner-rules");
        Label added = robot.lookup(".request-added-mark").queryAs(Label.class);
        assertThat(added.getTooltip().getText()).startsWith("Added by the room: ").contains("committed before review");
        assertThat(plan(robot).getColumns().getFirst().isVisible()).as("no state column before the plan runs")
                .isFalse();
        assertThat(button(robot, "#request-confirm").isDisabled()).isFalse();
        assertThat(button(robot, "#request-discard").isDisabled()).isFalse();

        robot.clickOn("#request-confirm");
        robot.interact(room::drain);
        assertThat(robot.lookup("#request-decision-error").queryLabeled().getText())
                .startsWith("Not confirmed: no agent online holds 'git'");
        assertThat(button(robot, "#request-confirm").isDisabled()).as("it can be confirmed once one is").isFalse();

        robot.clickOn("#request-discard");
        robot.clickOn("#request-discard-reason").write("wrong repository");
        robot.clickOn("#request-discard-confirm");
        robot.interact(room::drain);
        assertThat(room.room().kernel().requests().list(1).getFirst().status()).isEqualTo(RequestStatus.DISCARDED);
        assertThat(robot.lookup("#request-status").queryLabeled().getText()).isEqualTo("discarded");
        assertThat(robot.lookup("#request-detail-line").queryLabeled().getText()).contains("wrong repository");
        assertThat(button(robot, "#request-confirm").isDisabled()).isTrue();
        assertThat(button(robot, "#request-discard").isDisabled()).isTrue();
    }

    @Test
    void ctrlEnterPlansAndWhatIsWrongIsSaidWithTheTextKept(FxRobot robot) throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        show(robot);

        robot.clickOn("#request-text").write("Fix the crash on empty input");
        typeRepository(robot, plain);
        robot.clickOn("#request-text").press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        robot.interact(room::drain);

        assertThat(robot.lookup("#request-form-error").queryLabeled().getText()).startsWith("Not planned: ")
                .contains("is not a git working tree");
        assertThat(robot.lookup("#request-text").queryAs(TextInputControl.class).getText())
                .isEqualTo("Fix the crash on empty input");
        assertThat(room.room().kernel().requests().list(10)).isEmpty();
        assertThat(robot.lookup("#request-empty").queryLabeled().isVisible()).isTrue();
    }
}
